/**
 * An exception that escapes the app is a server error however the endpoint is served
 * (test/apps/python/endpoint_mounted_app.py): a Starlette WebSocketEndpoint refuses with a
 * 1003 close and then raises, which uvicorn logs as "Exception in ASGI application". Its own
 * ValueError (unknown command), and Starlette's RuntimeError on a binary frame to a text
 * endpoint, fail the route as a route of the app, mounted, and as the app itself.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import type { Report, ReportFailure, ReportRoute } from './helpers/report.js';
import { routeOf } from './helpers/report.js';
import { PYTHON_APPS } from './helpers/python-suite.js';

const ROUTES = ['/ws/commands', '/mounted/commands'];

type SharedRoute = ReportRoute & { sharedFailures?: Array<{ signature: string; reportedOn: string }> };

/**
 * Each failed route's server_error: its own, or, for a framework-level one reported once
 * (`alsoOn`), the one on the route it was reported on.
 */
async function failures(args: string[]): Promise<Map<string, ReportFailure | undefined>> {
  const run = await runCli(['--app-dir', PYTHON_APPS, '--seed', '4', '--max-examples', '20', ...args]);
  expect(run.code, run.stderr).toBe(1);
  const report = run.report as Report;
  const own = (path: string): ReportFailure | undefined => routeOf(report, path).failures.find((f) => f.errorType === 'server_error');
  return new Map(
    report.routes.map((r) => {
      const route = r as SharedRoute;
      expect(route.status, route.path).toBe('failed');
      const shared = route.sharedFailures?.find((s) => s.signature.startsWith('server_error:'));
      return [route.path, own(route.path) ?? (shared ? own(shared.reportedOn) : undefined)];
    }),
  );
}

describe('endpoint_mounted_app: close 1003, then raise', () => {
  test("the handler's own exception after its 1003 close, bare route and mounted", async () => {
    const found = await failures(['--app', 'endpoint_mounted_app:app', '--ws-message-kinds', 'text']);
    for (const path of ROUTES) {
      const f = found.get(path);
      expect(f, path).toBeDefined();
      // Reported as its sequence, or as the script whose client 0 sent it.
      expect(f!.message).toMatch(/(^|: )Server raised: ValueError: unknown command: /);
      expect(f!.closeCode).toBe(1003);
      expect(f!.serverTrace).toMatch(/endpoint_mounted_app\.py", line \d+, in on_receive/);
    }
  });

  test("Starlette's refusal of a binary frame raises out of the app too: a server error, bare route and mounted", async () => {
    const found = await failures(['--app', 'endpoint_mounted_app:app', '--ws-message-kinds', 'bytes']);
    for (const path of ROUTES) {
      const f = found.get(path);
      expect(f, path).toBeDefined();
      expect(f!.message).toBe('Server raised: RuntimeError: Expected text websocket messages, but got bytes');
      expect(f!.serverTrace).toMatch(/starlette[\\/]endpoints\.py", line \d+, in decode/);
    }
  });

  test('the endpoint class served as the ASGI app itself fails the same way', async () => {
    const found = await failures(['--app', 'endpoint_mounted_app:Commands', '--ws-include', '/ws', '--ws-message-kinds', 'bytes']);
    expect(found.get('/ws')?.message).toBe('Server raised: RuntimeError: Expected text websocket messages, but got bytes');
  });
});
