/**
 * Shared checks of the node-apps-* e2e files: a test app's planted bug is a server_error
 * whose trace is the app's own (it names the app file), its correct routes pass, and the
 * fixed port a module listens on is held by the test so a listen that was not moved to a
 * free port would fail the run with EADDRINUSE.
 */
import { connect, createServer, type Server } from 'node:net';
import { expect } from 'vitest';
import { failureOf, routeOf, type Report } from './report.js';

/** Holds each port on every interface, as `app.listen(port)` would bind it; a port already taken is as good. */
export async function holdPorts(ports: number[]): Promise<() => Promise<void>> {
  const held: Server[] = [];
  await Promise.all(
    ports.map(
      (port) =>
        new Promise<void>((done) => {
          const server = createServer();
          server.once('error', () => done());
          server.listen(port, () => {
            held.push(server);
            done();
          });
        }),
    ),
  );
  return () => Promise.all(held.map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => {});
}

/** The port of the `wsroutes: <framework> app ... on ws://127.0.0.1:PORT` line. */
export function capturedPort(stderr: string): number {
  const m = /on ws:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
  expect(m, `no "on ws://127.0.0.1:PORT" line in: ${stderr}`).not.toBeNull();
  return Number(m![1]);
}

/** Resolves true when nothing accepts connections on 127.0.0.1:port. */
export function portRefuses(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

/** `bug` failed as a server_error on message `trace` whose stack names `appFile`; every route of `passed` passed. */
export function expectBugFound(report: Report | undefined, opts: { bug: string; trace: RegExp; appFile: string; passed: string[] }): void {
  const failure = failureOf(report, opts.bug);
  expect(failure.errorType).toBe('server_error');
  expect(failure.sequence).toHaveLength(1);
  expect(failure.serverTrace).toMatch(opts.trace);
  expect(failure.serverTrace).toContain(opts.appFile);
  for (const path of opts.passed) {
    const route = routeOf(report, path);
    expect(route.status, `${path} should pass: ${route.failures[0]?.message}`).toBe('passed');
  }
}
