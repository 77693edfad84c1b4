/**
 * Listening on 127.0.0.1 port 0 and closing for good: the two server chores every
 * adapter shares. Closing never throws and never waits forever.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WsroutesError } from '../../errors.js';
import { errorMessage } from './load-module.js';

const CLOSE_WAIT_MS = 2_000;

function listenFailed(err: unknown): WsroutesError {
  return new WsroutesError('APP_START_FAILED', `The app could not listen on 127.0.0.1: ${errorMessage(err)}`, { cause: err });
}

/**
 * Waits for `server` to listen (calling `start` first, when given) or fail. `timeoutMs`
 * bounds the wait for a server someone else asked to listen, whose error may be past.
 */
export function listening(server: Server, start?: () => void, timeoutMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening && !start) return resolve();
    let timer: NodeJS.Timeout | undefined;
    const settle = (err?: unknown): void => {
      clearTimeout(timer);
      server.off('listening', onListening);
      server.off('error', onError);
      if (err === undefined) resolve();
      else reject(listenFailed(err));
    };
    const onListening = (): void => settle();
    const onError = (err: Error): void => settle(err);
    server.once('listening', onListening);
    server.once('error', onError);
    if (timeoutMs !== undefined) timer = setTimeout(() => settle(new Error(`not listening after ${timeoutMs} ms`)), timeoutMs);
    try {
      start?.();
    } catch (err) {
      settle(err);
    }
  });
}

/** Listens on 127.0.0.1, port 0, unless the server already listens. */
export async function listenLocal(server: Server): Promise<void> {
  if (server.listening) return;
  await listening(server, () => server.listen(0, '127.0.0.1'));
}

export function portOf(server: Server): number {
  const address = server.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') {
    throw new WsroutesError('APP_START_FAILED', `The app's server does not listen on a TCP port (${String(address)})`);
  }
  return address.port;
}

/** Closes the server and every connection it still holds; resolves when the port is free (or after a while). */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => {
    // Not unref'd: a socket the app holds open must not leave this promise (and the run) pending forever.
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    try {
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeAllConnections?.();
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
