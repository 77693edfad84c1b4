import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServerTrace, TraceSource } from '../targets/target.js';
import { NO_TRACES } from '../targets/target.js';
import { sendHttp } from './http-request.js';

let server: Server;
let base: string;
/** The client port of each request the server saw, by path. */
const ports = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    ports.set(req.url!.split('?')[0]!, req.socket.remotePort!);
    if (req.url!.startsWith('/drop')) return req.socket.destroy();
    if (req.url!.startsWith('/slow')) return; // never answers
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null, type: req.headers['content-type'] ?? null, body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const opts = (traces: TraceSource = NO_TRACES, messageTimeoutMs = 5000) => ({
  baseUrl: base,
  auth: { headers: { Authorization: 'Bearer t0k3n' }, query: { tenant: 'a b' } },
  traces,
  connectionTimeoutMs: 5000,
  messageTimeoutMs,
});

describe('sendHttp', () => {
  test('sends method, path, query (ours last), headers and body; returns status, headers and body', async () => {
    const o = await sendHttp(
      { method: 'PUT', path: '/items/1', query: [['x', '1']], headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
      opts(),
    );
    expect(o.error).toBeUndefined();
    expect(o.url).toBe('/items/1?x=1&tenant=a+b');
    expect(o.response?.status).toBe(200);
    expect(o.response?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(o.response!.body)).toEqual({
      method: 'PUT',
      url: '/items/1?x=1&tenant=a+b',
      auth: 'Bearer t0k3n',
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  test('the trace watch is keyed by our local port, the one the server sees', async () => {
    const watched: number[] = [];
    const traces: TraceSource = {
      watch: (port) => {
        watched.push(port);
        return { end: async (): Promise<ServerTrace[]> => (port === ports.get('/traced') ? [{ text: 'Error: boom' }] : []) };
      },
      drainOrphans: () => [],
    };
    const o = await sendHttp({ method: 'GET', path: '/traced', query: [], headers: {} }, opts(traces));
    expect(watched).toEqual([ports.get('/traced')]);
    expect(o.traces).toEqual([{ text: 'Error: boom' }]);
  });

  test('a dropped connection and a missing answer are errors, not hangs', async () => {
    const dropped = await sendHttp({ method: 'GET', path: '/drop', query: [], headers: {} }, opts());
    expect(dropped.error?.kind).toBe('dropped');
    const slow = await sendHttp({ method: 'GET', path: '/slow', query: [], headers: {} }, opts(NO_TRACES, 200));
    expect(slow.error).toEqual({ kind: 'timeout', message: 'no complete answer within 200 ms' });
  });

  test('nothing listening: refused', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const o = await sendHttp({ method: 'GET', path: '/', query: [], headers: {} }, { ...opts(), baseUrl: `http://127.0.0.1:${port}` });
    expect(o.error?.kind).toBe('refused');
  });
});
