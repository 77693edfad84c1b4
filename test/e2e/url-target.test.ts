/**
 * A running server by URL, as a user points wsroutes at one in another language: no
 * traces, routes from --ws-include. The server here is a plain `ws` server in this test
 * process that closes 1011 when a message is not JSON (its error handler's reply), and
 * echoes JSON on its other route.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { failureOf, routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(426).end());
  const orders = new WebSocketServer({ noServer: true, path: '/ws/orders' });
  orders.on('connection', (ws) =>
    ws.on('message', (data) => {
      try {
        ws.send(JSON.stringify({ ok: true, order: JSON.parse(data.toString()) }));
      } catch {
        ws.close(1011, 'internal error');
      }
    }),
  );
  const echo = new WebSocketServer({ noServer: true, path: '/ws/echo' });
  echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  server.on('upgrade', (req, socket, head) => {
    const wss = [orders, echo].find((w) => w.shouldHandle(req));
    if (!wss) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('--url: the 1011 close is a server_error with a minimal sequence; the echo route passes', async () => {
  const { code, report, stderr } = await runCli(['--url', url, '--ws-include', '/ws/orders,/ws/echo', '--max-examples', '30', '--seed', '7']);
  expect(code, stderr).toBe(1);
  expect(report.target).toEqual({ kind: 'url', framework: 'url', spec: url });
  const f = failureOf(report, '/ws/orders');
  expect(f.errorType).toBe('server_error');
  expect(f.closeCode).toBe(1011);
  expect(f.sequence).toHaveLength(1);
  expect(routeOf(report, '/ws/echo').status).toBe('passed');
  // Routes of a running server exist because --ws-include named them; no exception was captured, so nothing says uncaught.
  expect(routeOf(report, '/ws/echo')).toMatchObject({ protocol: 'plain', discoveredBy: 'include' });
  expect(f).not.toHaveProperty('uncaught');
});
