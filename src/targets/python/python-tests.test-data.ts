/**
 * Shared by the Python target's tests: the project's .venv interpreter (made by
 * scripts/setup-python.mjs, which `npm test` runs first), the test apps, and a small
 * real `ws` client that records what one connection saw.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Route } from '../../discovery/route.js';
import { fillTemplate } from '../../discovery/route.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const APPS = join(REPO, 'test/apps/python');

/** The .venv interpreter; fails loudly (never skips) when the setup script has not run. */
export function venvPython(): string {
  const python = join(REPO, '.venv', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run \`node scripts/setup-python.mjs\` first (npm test does)`);
  }
  return python;
}

const SAMPLE: Record<string, string> = {
  str: 'abc',
  int: '7',
  float: '1.5',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  path: 'a/b',
};

/** The route's template with every parameter filled with a value of its type. */
export function samplePath(route: Route): string {
  return fillTemplate(route.path, Object.fromEntries(route.params.map((p) => [p.name, SAMPLE[p.type] ?? 'x'])));
}

export interface Client {
  ws: WebSocket;
  /** Our local port: the key of the server's traces. */
  port: number;
  messages: string[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the next message received. */
  next(): Promise<string>;
}

/** Opens a connection; resolves once it is open (rejects with the HTTP status when refused). */
export function connect(baseUrl: string, path: string, headers?: Record<string, string>): Promise<Client> {
  return new Promise((resolveOpen, reject) => {
    const ws = new WebSocket(baseUrl + path, { headers });
    const messages: string[] = [];
    const waiting: Array<(m: string) => void> = [];
    let port = 0;
    ws.on('upgrade', (res) => {
      port = res.socket.localPort ?? 0;
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<${(data as Buffer).length} bytes>` : String(data);
      messages.push(text);
      waiting.shift()?.(text);
    });
    const closed = new Promise<{ code: number; reason: string }>((done) => ws.on('close', (code, reason) => done({ code, reason: String(reason) })));
    ws.on('unexpected-response', (req, res) => {
      const err = Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, port: req.socket?.localPort });
      res.resume();
      ws.terminate();
      reject(err);
    });
    ws.on('error', reject);
    ws.on('open', () => resolveOpen({ ws, port, messages, closed, next: () => new Promise<string>((r) => waiting.push(r)) }));
  });
}

/** The handshake refusal of `connect`: status and our local port. */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; port: number }> {
  try {
    await promise;
  } catch (err) {
    const { status, port } = err as { status?: number; port?: number };
    if (status !== undefined && port !== undefined) return { status, port };
    throw err;
  }
  throw new Error('the handshake was accepted');
}
