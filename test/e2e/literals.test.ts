/**
 * Bugs behind a literal the app dispatches on (issue 10), found through the literals
 * mined from the handler's source: Litestar's `socket_access` style listener that breaks
 * after the exact text "goodbye", a FastAPI ticker that breaks behind
 * `msg.get("type") == "subscribe"` (beside a control route whose words are built at run
 * time, so nothing is mined and random messages never get there), and a `ws` chat that
 * breaks in `case 'join':`. Each minimal sequence names the literal.
 */
import { describe, expect, test } from 'vitest';
import { PYTHON_APPS } from './helpers/python-suite.js';
import { type Report, type ReportFailure, routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

const mentions = (f: ReportFailure, word: string): boolean => f.sequence.some((m) => JSON.stringify(m.data).includes(word));

describe('bugs behind literals', () => {
  test('Litestar: the crash after the exact text "goodbye" is found, shrunk to that one message', async () => {
    const run = await runCli(['--app', 'literals_litestar_app:app', '--app-dir', PYTHON_APPS, '--seed', '7', '--max-examples', '50', '--verbose']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^ {2}\/\n {4}literals: "goodbye"$/m);
    const route = routeOf(run.report as Report, '/');
    expect(route.status).toBe('failed');
    const [failure] = route.failures;
    expect(failure!.errorType).toBe('server_error');
    expect(failure!.sequence).toEqual([{ type: 'text', data: 'goodbye' }]);
    expect(failure!.serverTrace).toContain('after sending');
  });

  test('FastAPI: the crash behind type "subscribe" is found; the same handler without a literal to mine passes', async () => {
    const run = await runCli([
      '--app',
      'literals_fastapi_app:app',
      '--app-dir',
      PYTHON_APPS,
      '--seed',
      '7',
      '--max-examples',
      '60',
      // The protocol is JSON text; receive_text() refuses binary frames by raising.
      '--ws-message-kinds',
      'text,json',
      '--verbose',
    ]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('    literals: "subscribe", "unsubscribe"');
    const report = run.report as Report;
    const prices = routeOf(report, '/ws/prices');
    expect(prices.status).toBe('failed');
    const behind = prices.failures.filter((f) => mentions(f, 'subscribe'));
    expect(behind.length, JSON.stringify(prices.failures)).toBeGreaterThan(0);
    for (const f of behind) {
      expect(f.errorType).toBe('server_error');
      expect(f.serverTrace).toMatch(/KeyError: 'symbol'|AttributeError/);
    }
    // The control: the bug is the same, but no mined word leads there.
    const quotes = routeOf(report, '/ws/quotes');
    expect(quotes.failures).toEqual([]);
    expect(quotes.status).toBe('passed');
  });

  test("Node ws: the crash in case 'join' is found, shrunk to a message of that type", async () => {
    const run = await runCli(['--app', 'test/apps/node/literals-ws-app.ts', '--seed', '7', '--max-examples', '50', '--verbose']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('  /chat\n    literals: "join", "leave", "say", "ping", type, room, text\n');
    const route = routeOf(run.report as Report, '/chat');
    expect(route.status).toBe('failed');
    const [failure] = route.failures;
    expect(failure!.errorType).toBe('server_error');
    expect(mentions(failure!, 'join'), JSON.stringify(failure!.sequence)).toBe(true);
    expect(failure!.sequence).toHaveLength(1);
    expect(failure!.serverTrace).toContain("reading 'trim'");
  });

  test('Node ws: message types imported as constants, keys read by destructuring: the bad move is found', async () => {
    const run = await runCli(['--app', 'test/apps/node/tictactoe/server.ts', '--seed', '7', '--max-examples', '50']);
    expect(run.code, run.stderr).toBe(1);
    const [failure] = routeOf(run.report as Report, '/game').failures;
    expect(failure!.errorType).toBe('server_error');
    expect(mentions(failure!, 'move'), JSON.stringify(failure!.sequence)).toBe(true);
    expect(failure!.serverTrace).toContain('handleMove');
  });
});
