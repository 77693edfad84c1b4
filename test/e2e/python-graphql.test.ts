/**
 * The real CLI against GraphQL servers on ASGI: test/apps/python/strawberry_app.py (Strawberry's
 * `GraphQLRouter` included in FastAPI with a prefix) and ariadne_app.py (Ariadne's `GraphQL` apps
 * mounted in Starlette, on either subprotocol handler). Each route is found where the app answers
 * it; each planted bug (an exception that escapes the ASGI app) is found, shrunk, with its
 * traceback; and no failure is a resolver error the server answered as a GraphQL error (those it
 * logs: the trace is `logged` and the answer excuses it). What else fails is the framework's own
 * code (Strawberry 0.341 and Ariadne 1.1 let malformed frames escape their handlers), which the
 * app cannot help: it is reported in framework code, never as the app's.
 * (The protocol each route reaches the run with is checked on the real bridge in
 * src/targets/python/graphql-servers.test.ts.)
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Report, ReportFailure } from './helpers/report.js';
import { failureBlocks, failureOf, routeOf } from './helpers/report.js';
import type { CliResult } from './helpers/run-cli.js';
import { runCli } from './helpers/run-cli.js';

const APPS = 'test/apps/python';
/** What the apps' resolvers raise and the servers answer as GraphQL errors: never a failure. */
const HANDLED = ['no message', 'countdown cannot start below zero'];

interface Case {
  spec: string;
  framework: string;
  seed: number;
  maxExamples: number;
  /** The app's module file: a failure whose signature names it is the app's. */
  file: string;
  routes: string[];
  planted: {
    path: string;
    trace: string[];
    /** The shrunk sequence: the messages that reach the bug, and no more. */
    shrunk: (sequence: Array<{ type: string; data: unknown }>) => void;
  };
}

const CASES: Case[] = [
  {
    spec: 'strawberry_app:app',
    framework: 'fastapi',
    seed: 3,
    // A connection_init whose payload has a `name` that is no string: about one sequence in fifty.
    maxExamples: 100,
    file: 'strawberry_app.py',
    routes: ['/graphql', '/chat/graphql'],
    planted: {
      path: '/chat/graphql',
      trace: ['in on_ws_connect', "object has no attribute 'title'", 'strawberry_app.py'],
      // One connection_init whose `name` is no string.
      shrunk: (sequence) => {
        expect(sequence).toHaveLength(1);
        const init = sequence[0]!.data as { type: string; payload: { name: unknown } };
        expect(init.type).toBe('connection_init');
        expect(typeof init.payload.name).not.toBe('string');
      },
    },
  },
  {
    spec: 'ariadne_app:app',
    framework: 'starlette',
    seed: 1,
    maxExamples: 50,
    file: 'ariadne_app.py',
    routes: ['/graphql/', '/legacy/', '/admin/graphql/'],
    planted: {
      path: '/admin/graphql/',
      trace: ['in get_context_value', "'NoneType' object has no attribute 'lower'", 'ariadne_app.py'],
      // connection_init, then a subscribe whose operationName is null.
      shrunk: (sequence) => {
        expect(sequence.map((m) => (m.data as { type: string }).type)).toEqual(['connection_init', 'subscribe']);
        expect((sequence[1]!.data as { payload: { operationName: unknown } }).payload.operationName).toBeNull();
      },
    },
  },
];

const isApps = (c: Case) => (f: ReportFailure) => (f.signature ?? '').includes(c.file);

describe.each(CASES)('$spec', (c) => {
  let run: CliResult;
  let report: Report;

  beforeAll(async () => {
    run = await runCli(['--app', c.spec, '--app-dir', APPS, '--seed', String(c.seed), '--max-examples', String(c.maxExamples)]);
    report = run.report as Report;
  });

  test('exits 1 and discovers each GraphQL route where the app answers it', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(report.target).toEqual({ kind: 'python', framework: c.framework, spec: c.spec });
    expect(report.routes.map((r) => r.path).sort()).toEqual([...c.routes].sort());
    for (const r of report.routes) {
      expect(r.kind).toBe('websocket');
      expect(r.status).not.toBe('skipped');
      // Every example ran, unless the route's distinct failures reached --max-failures (5) first:
      // valid operations from the schema reach more of the libraries' own crashes.
      const distinct = r.failures.length + ((r as { sharedFailures?: unknown[] }).sharedFailures?.length ?? 0);
      if (distinct < 5) expect(r.sequences).toBe(c.maxExamples);
      else expect(r.sequences).toBeGreaterThan(0);
      expect(r.connections).toBeGreaterThan(0);
    }
  });

  test('the planted bug is found on its route, with its traceback, an exception that escaped the app', () => {
    const f = failureOf(report, c.planted.path, isApps(c));
    expect(f.errorType).toBe('server_error');
    for (const text of c.planted.trace) expect(f.serverTrace).toContain(text);
    expect(f.reproduce).toContain(`--ws-include ${c.planted.path}`);
    c.planted.shrunk(f.sequence);
    const block = failureBlocks(run.stdout).get(c.planted.path) ?? '';
    expect(block).toContain('Server traceback:');
    expect(block).toContain(c.planted.trace[1]);
  });

  test('no failure is the app on a route without a planted bug, and none is an error the server answered', () => {
    for (const path of c.routes) {
      const route = routeOf(report, path);
      const apps = route.failures.filter(isApps(c));
      if (path === c.planted.path) expect(apps).toHaveLength(1);
      else expect(apps, JSON.stringify(apps.map((f) => f.message))).toEqual([]);
      for (const f of route.failures) {
        for (const handled of HANDLED) expect(f.serverTrace ?? '', f.message).not.toContain(handled);
        // What the servers log and answer (an unknown operation name, a validation error Ariadne
        // logs) is never a failure; what is left are the libraries' own crashes, which escape the
        // app whatever close follows (a drop, 4400 from a handler that raised past its answer).
        expect(f.message).toMatch(/^Server raised: /);
      }
      for (const shared of route.sharedFailures ?? []) expect(shared.signature).not.toContain(c.file);
    }
  });
});
