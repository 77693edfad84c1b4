/**
 * A `subprotocols` rule in the config applies by itself, without --ws-validate-subprotocols:
 * its offer is made and its `required` checked. The server is a `ws` server in this test
 * process, run by --url: /ws/chat speaks only chat.v2 and closes 1008 on a connection that
 * does not offer it; /ws/ignores never selects a subprotocol, though a rule requires one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import type { Report } from './helpers/report.js';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

let server: Server;
let url: string;
let dir: string;
let config: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(426).end());
  const chat = new WebSocketServer({ noServer: true, path: '/ws/chat', handleProtocols: (offered) => (offered.has('chat.v2') ? 'chat.v2' : false) });
  chat.on('connection', (ws) => {
    if (ws.protocol !== 'chat.v2') return ws.close(1008, 'subprotocol chat.v2 required');
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  const ignores = new WebSocketServer({ noServer: true, path: '/ws/ignores', handleProtocols: () => false });
  ignores.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  server.on('upgrade', (req, socket, head) => {
    const wss = [chat, ignores].find((w) => w.shouldHandle(req));
    if (!wss) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'wsroutes-subprotocol-'));
  config = join(dir, 'wsroutes.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      subprotocols: [
        { route: '/ws/chat', offer: ['chat.v2'] },
        { route: '/ws/ignores', offer: ['chat.v2'], required: true },
      ],
    }),
  );
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const run = (extra: string[]) =>
  runCli(['--url', url, '--ws-include', '/ws/chat,/ws/ignores', '--max-examples', '15', '--ws-max-messages', '3', '--seed', '6', ...extra]);

describe('a configured subprotocol rule', () => {
  test('without a rule, the route that needs chat.v2 refuses every connection: skipped', async () => {
    const { code, report, stderr } = await run([]);
    expect(code, stderr).toBe(0);
    const chat = routeOf(report as Report, '/ws/chat');
    expect(chat.status).toBe('skipped');
    expect(chat.skipReason).toMatch(/closed with 1008 \(subprotocol chat\.v2 required\)/);
    expect(routeOf(report as Report, '/ws/ignores').status).toBe('passed');
  });

  for (const flags of [[], ['--ws-validate-subprotocols']]) {
    test(`applies by itself (${flags.join(' ') || 'no flag'}): its offer is made, its required checked`, async () => {
      const { code, report, stderr } = await run(['--config', config, ...flags]);
      expect(code, stderr).toBe(1);
      const chat = routeOf(report as Report, '/ws/chat');
      expect(chat.status).toBe('passed');
      expect(chat.messagesSent).toBeGreaterThan(0);
      const ignores = routeOf(report as Report, '/ws/ignores');
      expect(ignores.status).toBe('failed');
      expect(ignores.failures[0]).toMatchObject({
        errorType: 'subprotocol_violation',
        message: 'Server selected no subprotocol, though one of chat.v2 is required',
      });
    });
  }
});
