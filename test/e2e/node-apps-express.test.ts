/**
 * Express 4 and 5 with express-ws, as their docs write apps: the Express 4 app is the
 * express-ws README's (CommonJS, `app.listen(3000)`, no export); the Express 5 one is an
 * ES module that listens and exports. Port 3000 is held by this test while the CLI runs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { capturedPort, expectBugFound, holdPorts, portRefuses } from './helpers/node-apps.js';
import { runCli } from './helpers/run-cli.js';

let release: () => Promise<void>;
beforeAll(async () => {
  release = await holdPorts([3000]);
});
afterAll(() => release());

const ARGS = ['--max-examples', '25', '--seed', '7'];

describe('Express + express-ws', () => {
  test('Express 4 (require, Router via applyTo, app.listen(3000), no export)', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/express4-app.cjs', ...ARGS]);
    expect(stderr).not.toContain('app.router');
    expect(code).toBe(1);
    expect(report.target.framework).toBe('express');
    expect(report.routes.map((r: { path: string }) => r.path)).toEqual(['/echo', '/ws-stuff/echo', '/ws-stuff/parse']);
    expectBugFound(report, {
      bug: '/ws-stuff/parse',
      trace: /SyntaxError.*JSON/,
      appFile: 'test/apps/node/express4-app.cjs',
      passed: ['/echo', '/ws-stuff/echo'],
    });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });

  test('Express 5 (ES module that listens on 3000 and exports the app)', async () => {
    const { code, report, stderr } = await runCli(['--app', 'test/apps/node/express5-app.mjs', ...ARGS]);
    expect(code).toBe(1);
    expect(report.target.framework).toBe('express');
    expectBugFound(report, {
      bug: '/rooms/:room',
      trace: /SyntaxError.*JSON/,
      appFile: 'test/apps/node/express5-app.mjs',
      passed: ['/chat'],
    });
    expect(await portRefuses(capturedPort(stderr))).toBe(true);
  });
});
