/**
 * `startRoutes` in a child process, for runners that sandbox module loading: Jest's
 * runtime refuses `module.register()`, so tsx cannot load a .ts app inside a Jest test file.
 * Verdicts come back as plain data (failure blocks already formatted) over IPC.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WsroutesError, type WsroutesErrorCode } from '../errors.js';
import type { RunResult } from '../run/results.js';
import type { RouteRun, Verdict, WsroutesTestOptions } from './routes.js';
import { runnerValues } from './routes.js';

export type ChildMessage =
  | { type: 'routes'; routes: string[] }
  | { type: 'result'; result: RunResult; verdicts: Record<string, Verdict> }
  | { type: 'error'; name: string; code?: string; message: string };

export async function startRoutesInChild(options: WsroutesTestOptions = {}): Promise<RouteRun> {
  // A bad option fails here, before a child is forked for nothing.
  await runnerValues(options);
  const child = fork(fileURLToPath(new URL('./child-main.js', import.meta.url)), [], {
    cwd: options.cwd ?? process.cwd(),
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let onRoutes!: (routes: string[]) => void;
  let onResult!: (m: { result: RunResult; verdicts: Record<string, Verdict> }) => void;
  let onError!: (err: Error) => void;
  const routes = new Promise<string[]>((resolve, reject) => {
    onRoutes = resolve;
    onError = reject;
  });
  const finished = new Promise<{ result: RunResult; verdicts: Record<string, Verdict> }>((resolve, reject) => {
    onResult = resolve;
    const failRoutes = onError;
    onError = (err) => {
      failRoutes(err);
      reject(err);
    };
  });
  finished.catch(() => undefined);
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'routes') onRoutes(m.routes);
    else if (m.type === 'result') onResult(m);
    else onError(m.name === 'WsroutesError' && m.code ? new WsroutesError(m.code as WsroutesErrorCode, m.message) : new Error(m.message));
  });
  child.once('error', (err) => onError(err));
  // After a result this rejects nothing: a settled promise stays settled.
  child.once('exit', (code, signal) => onError(new Error(`wsroutes: the run's child process ended early (${signal ?? `exit code ${code}`})`)));
  child.send({ ...options, cwd: options.cwd ?? process.cwd() });
  return routes.then((routes) => ({
    routes,
    result: finished.then((f) => f.result),
    verdict: async (path) => (await finished).verdicts[path] ?? { status: 'failed', message: `wsroutes: the run has no result for route ${path}` },
    done: () => exited,
  }));
}
