/**
 * Finds the WebSocketServers attached to an http server, which keeps no list of them:
 * `handleUpgrade` and `shouldHandle` on the WebSocketServer prototype (of the `ws` the app resolves, and
 * of ours) is wrapped so each instance records itself, then one upgrade request goes to
 * a path that cannot exist. Its Sec-WebSocket-Version is invalid, so every attached
 * server refuses it before its path check and no connection handler of the app runs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { WebSocketServer } from 'ws';
import { bag } from './adapter.js';
import { portOf } from './listen.js';
import type { WebSocketServerLike } from './ws.js';

const PROBE_WAIT_MS = 2_000;

type Method = (this: unknown, ...args: unknown[]) => unknown;

function prototypesFor(appFile: string): Set<Record<string, unknown>> {
  const protos = new Set<Record<string, unknown>>();
  const add = (cls: unknown): void => {
    const proto = bag(bag(cls)?.prototype);
    if (proto && typeof proto.handleUpgrade === 'function') protos.add(proto);
  };
  add(WebSocketServer);
  try {
    const ws = bag(createRequire(appFile)('ws'));
    add(ws?.WebSocketServer ?? ws?.Server);
  } catch {
    // the app does not resolve ws itself; ours is all there is
  }
  return protos;
}

/** Sends the probe; resolves once the server has emitted it (its listeners ran) or the socket ends. */
function sendProbe(server: Server): Promise<void> {
  const port = portOf(server);
  const path = `/__wsroutes_probe_${randomUUID()}`;
  return new Promise((resolve) => {
    const hadOwn = Object.hasOwn(server, 'emit');
    const original = server.emit as Method;
    const socket = connect(port, '127.0.0.1');
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (hadOwn) (server as { emit: Method }).emit = original;
      else delete (server as { emit?: unknown }).emit;
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(finish, PROBE_WAIT_MS);
    (server as { emit: Method }).emit = function (this: unknown, ...args: unknown[]) {
      const ours = args[0] === 'upgrade' && bag(args[1])?.url === path;
      try {
        return original.apply(this, args);
      } finally {
        if (ours) finish();
      }
    };
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 0\r\n\r\n`,
      ),
    );
  });
}

/** The WebSocketServers that handle upgrades of `server` (it must listen). */
export async function attachedWebSocketServers(server: Server, appFile: string): Promise<WebSocketServerLike[]> {
  const seen = new Set<WebSocketServerLike>();
  // handleUpgrade catches servers attached with `{ server }`; shouldHandle catches
  // noServer ones that the app's own upgrade listener asks before handing over.
  const restores = [...prototypesFor(appFile)].flatMap((proto) =>
    (['handleUpgrade', 'shouldHandle'] as const)
      .filter((name) => typeof proto[name] === 'function')
      .map((name) => {
        const original = proto[name] as Method;
        proto[name] = function (this: unknown, ...args: unknown[]) {
          seen.add(this as WebSocketServerLike);
          return original.apply(this, args);
        };
        return () => void (proto[name] = original);
      }),
  );
  try {
    await sendProbe(server);
  } finally {
    for (const restore of restores) restore();
  }
  return [...seen];
}
