/**
 * Picks the target kind from the options: `--url`, a Node module or a Python ASGI app
 * (the `--app` grammar is `config/app-spec.ts`). Each kind is imported only when used, so a Node run
 * never loads the Python side and the reverse.
 */
import type { Options } from '../config/options.js';
import { appKind } from '../config/app-spec.js';
import { WsroutesError } from '../errors.js';
import type { Target } from './target.js';

/**
 * `appValue`: a Node app the caller made itself (`Conductor.start({ app })`), started
 * on the same path as a module's export.
 */
export async function startTarget(o: Options, appValue?: object): Promise<Target> {
  if ((o.url || o.app) && appValue !== undefined) throw new WsroutesError('USAGE', 'give one of an app, an app file and a url');
  if (o.url && o.app) throw new WsroutesError('USAGE', 'give either --app or --url, not both');
  // A frozen event loop is a timeout by then; the watchdog only has to end the run.
  const freezeLimitMs = o.messageTimeoutMs + 2000;
  if (appValue !== undefined) {
    const { startNodeApp } = await import('./node/index.js');
    return startNodeApp({ value: appValue }, { cwd: o.cwd, include: o.include, verbose: o.verbose, http: o.http });
  }
  if (o.url) {
    const { startUrlTarget } = await import('./url.js');
    return startUrlTarget(o.url, { include: o.include, connectionTimeoutMs: o.connectionTimeoutMs });
  }
  if (!o.app) {
    throw new WsroutesError('USAGE', 'no target: pass --app FILE[:EXPORT] (Node), --app module:attr (Python ASGI) or --url URL');
  }
  if (appKind(o.app) === 'node') {
    const { startNodeTarget } = await import('./node/index.js');
    return startNodeTarget(o.app, { cwd: o.cwd, include: o.include, verbose: o.verbose, freezeLimitMs, http: o.http });
  }
  const { startPythonTarget } = await import('./python/index.js');
  return startPythonTarget(o.app, {
    cwd: o.cwd,
    appDir: o.appDir,
    python: o.python,
    verbose: o.verbose,
    startTimeoutMs: o.connectionTimeoutMs,
  });
}
