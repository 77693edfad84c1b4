/**
 * A `ws` WebSocketServer exported as the app. Its route is its `path` option, else `/`.
 * It comes three ways: attached to an http server (`server`: listen it unless it
 * listens), listening by itself (`port`: ws made the server, use it), or `noServer`
 * (we make the http server and hand it every upgrade, as the ws README does).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { websocketRoute } from '../../discovery/route.js';
import { WsroutesError } from '../../errors.js';
import { bag, hasMethods, type NodeAdapter } from './adapter.js';
import { closeServer, listenLocal, listening } from './listen.js';

const SELF_LISTEN_WAIT_MS = 5_000;
const CLOSE_WAIT_MS = 2_000;

export interface WebSocketServerLike {
  options: { path?: string; noServer?: boolean; server?: Server; port?: number };
  clients?: Set<{ terminate(): void }>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: unknown) => void): void;
  emit(event: string, ...args: unknown[]): boolean;
  close(cb?: () => void): void;
  /** The server ws made for the `port` option (private to ws 8, and the only handle on it). */
  _server?: Server | null;
}

export function isWebSocketServer(value: unknown): boolean {
  return hasMethods(value, 'handleUpgrade', 'shouldHandle', 'close') && bag(bag(value)?.options) !== undefined;
}

/** Terminates the server's clients and closes it, without waiting forever. */
export async function closeWebSocketServer(wss: WebSocketServerLike): Promise<void> {
  try {
    for (const client of wss.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => {
      setTimeout(resolve, CLOSE_WAIT_MS).unref();
      wss.close(() => resolve());
    });
  } catch {
    // best effort: stop() never throws
  }
}

async function serverFor(wss: WebSocketServerLike): Promise<Server> {
  const { options } = wss;
  if (options.noServer) {
    const server = createServer((_req, res) => res.writeHead(426, { Connection: 'close' }).end());
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
    await listenLocal(server);
    return server;
  }
  if (options.server) {
    await listenLocal(options.server);
    return options.server;
  }
  const own = wss._server;
  if (!own) throw new WsroutesError('APP_START_FAILED', 'The WebSocketServer is closed (it has no server to listen on)');
  await listening(own, undefined, SELF_LISTEN_WAIT_MS);
  return own;
}

export const wsAdapter: NodeAdapter = {
  framework: 'ws',
  matches: isWebSocketServer,
  async start(value) {
    const wss = value as WebSocketServerLike;
    const path = typeof wss.options.path === 'string' && wss.options.path !== '' ? wss.options.path : '/';
    const server = await serverFor(wss);
    return {
      server,
      routes: [websocketRoute(path)],
      close: async () => {
        await closeWebSocketServer(wss);
        await closeServer(server);
      },
    };
  },
};
