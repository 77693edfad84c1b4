/** Test helpers for the discovery fixtures: a real ws client with a message queue, and port checks. */
import net, { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

/** This folder, the cwd the tests start fixtures from. */
export const FIXTURES = dirname(fileURLToPath(import.meta.url));
export { resolve };

export interface Client {
  ws: WebSocket;
  /** Our local port: the key of the server's traces for this connection. */
  port: number;
  /** The next text message, or a rejection when the connection closes first. */
  next(): Promise<string>;
  /** Resolves with the close code when the connection ends. */
  closed: Promise<number>;
  terminate(): Promise<void>;
}

export function openClient(baseUrl: string, path: string): Promise<Client> {
  const ws = new WebSocket(baseUrl + path);
  const queue: string[] = [];
  const waiters: Array<{ resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  let port = 0;
  const closed = new Promise<number>((resolveClosed) => ws.on('close', (code) => resolveClosed(code)));
  ws.on('upgrade', (res) => (port = res.socket.localPort ?? 0));
  ws.on('message', (data) => {
    const text = data.toString();
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(text);
    else queue.push(text);
  });
  ws.on('close', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`closed with ${code} before a message`));
  });
  return new Promise((resolveOpen, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`${path}: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () => {
      ws.on('error', () => {});
      resolveOpen({
        ws,
        port,
        closed,
        next: () =>
          queue.length > 0
            ? Promise.resolve(queue.shift() as string)
            : ws.readyState !== WebSocket.OPEN
              ? Promise.reject(new Error('connection is not open'))
              : new Promise((res, rej) => waiters.push({ resolve: res, reject: rej })),
        terminate: async () => {
          if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
          await closed;
        },
      });
    });
  });
}

/** True when 127.0.0.1:port can be listened on again. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const probe = createServer();
    probe.once('error', () => res(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => res(true)));
  });
}

export function portOfUrl(baseUrl: string): number {
  return Number(new URL(baseUrl).port);
}

/** Listening TCP servers in this process. */
export function listeningServers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

/**
 * Whether a server of this process listens on `port`. Unlike `portIsFree`, it does not
 * depend on other test files, which may hold a fixed port (3000, 8080) on purpose.
 */
export function listensInProcess(port: number): boolean {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.some((h) => {
    if (!(h instanceof net.Server)) return false;
    const address = h.address();
    return typeof address === 'object' && address !== null && address.port === port;
  });
}
