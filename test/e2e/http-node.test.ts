/**
 * HTTP routes of Node apps (`--http`), discovered in-process (Fastify's route schemas,
 * Express and Hono paths): each planted bug found with the app's own exception and shrunk
 * to the minimal request; Fastify's declared response schema checked with
 * --validate-responses; the correct routes pass.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from './helpers/run-cli.js';

interface Bug {
  route: string;
  errorType: string;
  /** Text the serverTrace holds, or the message when there is no trace. */
  evidence: string;
  request: { method: string; url: string; body?: string };
}

const CASES: Array<{ app: string; extra: string[]; passing: string[]; bugs: Bug[] }> = [
  {
    app: 'test/apps/node/http-fastify-app.ts',
    extra: ['--validate-responses'],
    passing: ['GET /items/:id'],
    bugs: [
      { route: 'POST /orders', errorType: 'server_error', evidence: 'TypeError', request: { method: 'POST', url: '/orders', body: '{"name":"","qty":0}' } },
      {
        route: 'GET /items/:id/availability',
        errorType: 'response_schema_violation',
        evidence: '/left must be >= 0',
        request: { method: 'GET', url: '/items/1/availability?qty=6' },
      },
    ],
  },
  {
    app: 'test/apps/node/http-express-app.ts',
    extra: [],
    passing: ['GET /health', 'GET /api/users', 'POST /api/users'],
    bugs: [
      {
        route: 'GET /api/users/:id',
        errorType: 'server_error',
        evidence: 'SyntaxError: Cannot convert a to a BigInt',
        request: { method: 'GET', url: '/api/users/a' },
      },
    ],
  },
  {
    app: 'test/apps/node/http-hono-app.ts',
    extra: [],
    passing: ['GET /books', 'GET /books/:id'],
    bugs: [{ route: 'GET /go', errorType: 'server_error', evidence: 'TypeError: Invalid URL', request: { method: 'GET', url: '/go' } }],
  },
];

for (const c of CASES) {
  describe(`${c.app} with --http`, () => {
    let run: CliResult;
    const route = (key: string): Record<string, any> | undefined =>
      (run.report.routes as Array<Record<string, any>>).find((r) => r.kind === 'http' && `${r.method} ${r.path}` === key);

    beforeAll(async () => {
      run = await runCli(['--app', c.app, '--http', '--no-websocket', ...c.extra, '--seed', '5', '--max-examples', '80']);
    }, 120_000);

    test('the correct routes pass', () => {
      expect(run.code, run.stderr).toBe(1);
      for (const key of c.passing) expect(route(key)?.status, key).toBe('passed');
    });

    for (const bug of c.bugs) {
      test(`${bug.route}: ${bug.errorType}, shrunk to ${bug.request.method} ${bug.request.url}${bug.request.body ? ` ${bug.request.body}` : ''}`, () => {
        const r = route(bug.route)!;
        expect(r.status).toBe('failed');
        const f = r.failures[0];
        expect(f.errorType).toBe(bug.errorType);
        expect(`${f.serverTrace ?? ''}\n${f.message}`).toContain(bug.evidence);
        expect(f.request).toMatchObject(bug.request);
        if (!bug.request.body) expect(f.request.body).toBeUndefined();
      });
    }
  });
}
