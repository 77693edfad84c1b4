/**
 * The Yjs sync protocol against test/apps/node/yjs-app.ts (a y-websocket server as
 * @y/websocket-server's README runs it, routing upgrades itself, so the routes are given
 * with --ws-include): detected by the sync step 1 it sends unasked, the planted presence bug
 * on /notes found (an awareness state without `user`), and /board's documents, fed valid and
 * subtly broken updates by several clients, pass.
 */
import { expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';

test('Yjs: detected; the presence feed crash on /notes found; /board passes with several clients', async () => {
  const result = await runWsroutes(
    resolveOptions({ app: 'test/apps/node/yjs-app.ts', include: ['/notes/:room', '/board/:room'], maxExamples: 40, maxMessages: 5, maxClients: 2, seed: 2 }),
  );
  const routes = new Map(result.routes.map((r) => [r.path, r]));
  const board = routes.get('/board/:room')!;
  expect(board.status, board.failures[0]?.message).toBe('passed');
  expect(board.connections).toBeGreaterThanOrEqual(40);

  const notes = routes.get('/notes/:room')!;
  expect(notes.status).toBe('failed');
  const f = notes.failures[0]!;
  expect(f.errorType).toBe('server_error');
  expect(f.message).toMatch(/TypeError: Cannot read properties of undefined \(reading '(name|length)'\)/);
  expect(f.serverTrace).toContain('test/apps/node/yjs-app.ts');
  // Every message sent is a binary Yjs frame; the failing one is an awareness message (type 1).
  const messages = f.sequence;
  for (const m of messages) expect(m.type).toBe('bytes');
  expect(messages.some((m) => m.type === 'bytes' && (m.data as Uint8Array)[0] === 1)).toBe(true);
}, 60_000);
