/**
 * HTTP routes of Python apps (`--http`), discovered by the bridge (FastAPI and Litestar
 * through their own OpenAPI document, Falcon and Starlette from paths and convertors),
 * each app's planted bug found with its trace and shrunk to the minimal request, the
 * correct routes passed. FastAPI runs with its WebSocket route in the same run.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { PYTHON_APPS } from './helpers/python-suite.js';
import { type CliResult, runCli } from './helpers/run-cli.js';

interface Bug {
  route: string;
  errorType: string;
  trace: string;
  request: { method: string; url: string; body?: string };
}

interface HttpAppCase {
  spec: string;
  /** Beside `--http`: `--no-websocket`, or nothing to test both kinds in one run. */
  extra: string[];
  passing: string[];
  bugs: Bug[];
}

const CASES: HttpAppCase[] = [
  {
    spec: 'http_fastapi_app:app',
    extra: [],
    passing: ['websocket /ws/echo', 'http GET /items/', 'http GET /users/{user_id}'],
    bugs: [
      { route: 'GET /items/{item_id}', errorType: 'server_error', trace: 'ZeroDivisionError', request: { method: 'GET', url: '/items/0' } },
      {
        route: 'POST /items/',
        errorType: 'server_error',
        trace: 'IndexError: string index out of range',
        request: { method: 'POST', url: '/items/', body: '{"name":"","price":0}' },
      },
    ],
  },
  {
    spec: 'http_litestar_app:app',
    extra: ['--no-websocket'],
    passing: ['http GET /books/{book_id}'],
    bugs: [
      {
        route: 'POST /books',
        errorType: 'server_error',
        trace: 'ZeroDivisionError: division by zero',
        request: { method: 'POST', url: '/books', body: '{"title":"","author":"","pages":0}' },
      },
    ],
  },
  {
    spec: 'http_falcon_app:app',
    extra: ['--no-websocket'],
    passing: ['http POST /things', 'http GET /things/{thing_id:int}'],
    bugs: [{ route: 'GET /quotes/{author:str}', errorType: 'server_error', trace: 'KeyError', request: { method: 'GET', url: '/quotes/a' } }],
  },
];

for (const c of CASES) {
  describe(`${c.spec} with --http`, () => {
    let run: CliResult;
    const routes = (): Array<Record<string, any>> => run.report.routes;
    const name = (r: Record<string, any>): string => (r.kind === 'http' ? `http ${r.method} ${r.path}` : `websocket ${r.path}`);

    beforeAll(async () => {
      run = await runCli(['--app', c.spec, '--app-dir', PYTHON_APPS, '--http', ...c.extra, '--seed', '5', '--max-examples', '60']);
    }, 180_000);

    test('every route is listed with its kind and method; the correct ones pass', () => {
      expect(run.code, run.stderr).toBe(1);
      const names = routes().map(name);
      expect(names).toEqual(expect.arrayContaining([...c.passing, ...c.bugs.map((b) => `http ${b.route}`)]));
      for (const p of c.passing) expect(routes().find((r) => name(r) === p)?.status, p).toBe('passed');
    });

    for (const bug of c.bugs) {
      test(`${bug.route}: ${bug.errorType} with the trace, shrunk to ${bug.request.method} ${bug.request.url}${bug.request.body ? ` ${bug.request.body}` : ''}`, () => {
        const r = routes().find((x) => name(x) === `http ${bug.route}`)!;
        expect(r.status).toBe('failed');
        const f = r.failures[0];
        expect(f.errorType).toBe(bug.errorType);
        expect(f.serverTrace).toContain(bug.trace);
        expect(f.request).toMatchObject(bug.request);
        if (!bug.request.body) expect(f.request.body).toBeUndefined();
        expect(f.curl).toContain(bug.request.url);
        expect(run.stdout).toContain(`HTTP TEST FAILURE: ${bug.route}`);
      });
    }
  });
}
