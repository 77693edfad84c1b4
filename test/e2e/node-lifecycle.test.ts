/**
 * The library entry, Ctrl-C, and an app that freezes the event loop: wsroutes
 * always ends, and the app's port is free afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import { startCli } from './helpers/run-cli.js';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('library entry', () => {
  test('runWsroutes returns the run result and stops the app', async () => {
    const result = await runWsroutes(resolveOptions({ app: 'test/apps/node/factory-app.ts', seed: 5, maxExamples: 40 }));
    expect(result.tool).toBe('wsroutes');
    expect(result.target).toMatchObject({ kind: 'node', framework: 'fastify' });
    const byPath = Object.fromEntries(result.routes.map((r) => [r.path, r]));
    expect(byPath['/ws/echo']?.status).toBe('passed');
    expect(byPath['/ws/limited']?.failures[0]).toMatchObject({ errorType: 'server_error', messageIndex: 3 });
    expect(byPath['/ws/limited']?.failures[0]?.sequence).toHaveLength(4);
  });
});

describe('ending', () => {
  test('Ctrl-C mid-run exits 130 and frees the port', async () => {
    const run = startCli(['--app', 'test/apps/node/fastify-app.ts', '--max-examples', '100000', '--seed', '1'], { noReport: true });
    const [, port] = await run.waitForStderr(/on ws:\/\/127\.0\.0\.1:(\d+)/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted (SIGINT)');
    expect(await portFree(Number(port))).toBe(true);
  });

  test('an app that blocks the event loop: one line, the reports written first, the run ends (137), the port is free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsroutes-frozen-'));
    try {
      const junit = join(dir, 'junit.xml');
      const run = startCli(['--app', 'test/apps/node/frozen-app.ts', '--ws-message-timeout', '0.5', '--seed', '1', '--junit', junit]);
      const [, port] = await run.waitForStderr(/on ws:\/\/127\.0\.0\.1:(\d+)/);
      const result = await run.done;
      // Killed by its own watchdog: a shell sees exit status 137.
      expect(result.signal ?? result.code).toBe('SIGKILL');
      expect(result.stderr).toMatch(/blocked the event loop for over 2\.5 s/);
      expect(await portFree(Number(port))).toBe(true);
      // The reports and the summary, as they read when the loop froze: the frozen route failed as a timeout.
      const route = result.report.routes.find((r: { path: string }) => r.path === '/ws/frozen');
      expect(route.status).toBe('failed');
      expect(route.failures[0].errorType).toBe('timeout');
      expect(route.failures[0].message).toMatch(/blocked the event loop/);
      expect(readFileSync(junit, 'utf8')).toContain('<failure type="timeout"');
      expect(result.stdout).toMatch(/Route: \/ws\/frozen\s+Status: failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
