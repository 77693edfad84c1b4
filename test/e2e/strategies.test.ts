/**
 * Custom strategies from a setup module: test/fixtures/setup/chat-strategies.ts (the
 * seed's chat and binary-command examples in fast-check) against
 * test/apps/node/protocols-chat-app.ts, whose routes close 1011 on any other shape.
 * Through the library entry; the setup module imports `wsroutes` by package name
 * (the built dist/, as a user's would).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { clearMessageStrategies, resolveOptions, runWsroutes } from '../../src/index.js';
import type { Options, RouteResult } from '../../src/index.js';
import { runCli } from './helpers/run-cli.js';
import { failureOf, routeOf } from './helpers/report.js';

const SETUP = 'test/fixtures/setup/chat-strategies.ts';

async function run(extra: Partial<Options>): Promise<Map<string, RouteResult>> {
  const result = await runWsroutes(resolveOptions({ app: 'test/apps/node/protocols-chat-app.ts', maxExamples: 30, maxMessages: 4, seed: 5, ...extra }));
  return new Map(result.routes.map((r) => [r.path, r]));
}

afterEach(() => clearMessageStrategies());

describe('registerMessageStrategy from --setup', () => {
  test('without the setup, default messages break both protocol routes', async () => {
    const routes = await run({});
    expect(routes.get('/ws/chat')?.failures[0]).toMatchObject({
      errorType: 'server_error',
      message: 'Server closed the connection with 1011 (internal error): unexpected message',
      closeCode: 1011,
      messageIndex: 0,
      sequence: [{ type: 'text', data: '' }],
    });
    expect(routes.get('/ws/binary')?.failures[0]).toMatchObject({
      errorType: 'server_error',
      message: 'Server closed the connection with 1011 (internal error): bad command',
      sequence: [{ type: 'text', data: '' }],
    });
  });

  test('with it, each route receives only its registered shapes and passes', async () => {
    const routes = await run({ setup: [SETUP] });
    for (const path of ['/ws/chat', '/ws/binary']) {
      const r = routes.get(path)!;
      expect(r.status, `${path}: ${r.failures[0]?.message}`).toBe('passed');
      expect(r.sequences).toBe(30);
      expect(r.messagesSent).toBeGreaterThan(30);
    }
  });

  test('a missing setup module is a CONFIG error naming it', async () => {
    await expect(run({ setup: ['test/fixtures/setup/nope.ts'] })).rejects.toMatchObject({
      code: 'CONFIG',
      message: '--setup test/fixtures/setup/nope.ts: file not found',
    });
  });

  test('the real CLI: --setup FILE loads the module into the built package', async () => {
    const args = ['--app', 'test/apps/node/protocols-chat-app.ts', '--max-examples', '10', '--ws-max-messages', '3', '--seed', '5'];
    const withSetup = await runCli([...args, '--setup', SETUP]);
    expect(withSetup.code, withSetup.stderr).toBe(0);
    for (const path of ['/ws/chat', '/ws/binary']) expect(routeOf(withSetup.report, path).status).toBe('passed');
    const without = await runCli(args);
    expect(without.code).toBe(1);
    expect(failureOf(without.report, '/ws/chat')).toMatchObject({ errorType: 'server_error', closeCode: 1011, sequence: [{ type: 'text', data: '' }] });
    expect(failureOf(without.report, '/ws/chat').reproduce).not.toContain('--setup');
  });
});
