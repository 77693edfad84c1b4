/**
 * Which HTTP routes a run tests (`--http`): the target's own, extended by `--openapi`,
 * filtered; and the one line that says where HTTP routes come from when none matched.
 */
import type { Options } from '../config/options.js';
import { filterRoutes } from '../discovery/filter.js';
import { loadOpenApi, operationsFromOpenApi } from '../discovery/openapi.js';
import type { Route } from '../discovery/route.js';
import { WsroutesError } from '../errors.js';
import type { Target } from '../targets/target.js';

export { httpRouteKey } from './kinds/http.js';

/**
 * The HTTP routes of a run: the target's own (`kind: 'http'`), extended by the operations
 * of `--openapi` (an operation replaces a discovered route of the same method and path),
 * one route per method, filtered by `--http-include` / `--http-exclude` (globs on the
 * path) and `methods`.
 */
export async function selectHttpRoutes(target: Target, options: Options): Promise<Route[]> {
  const routes = new Map<string, Route>();
  for (const r of target.routes) {
    if (r.kind !== 'http') continue;
    const methods = r.http ? [r.http.method] : (r.methods ?? ['GET']);
    for (const method of methods) {
      const http = r.http ?? { method: method.toUpperCase(), path: r.path, params: r.params, query: [] };
      routes.set(`${http.method} ${r.path}`, { ...r, methods: [http.method], http });
    }
  }
  if (options.openapi) {
    const doc = await loadOpenApi(options.openapi, { cwd: options.cwd, baseUrl: target.baseUrl, timeoutMs: options.connectionTimeoutMs });
    for (const op of operationsFromOpenApi(doc))
      routes.set(`${op.method} ${op.path}`, { path: op.path, kind: 'http', params: op.params, methods: [op.method], http: op });
  }
  const methods = new Set(options.methods.map((m) => m.toUpperCase()));
  const all = [...routes.values()];
  return filterRoutes(all, options.httpInclude, options.httpExclude).filter((r) => methods.has(r.http!.method));
}

/** Nothing to test over HTTP: say where HTTP routes come from. */
export function noHttpRoutesError(target: Target, options: Options): WsroutesError {
  const any = target.routes.some((r) => r.kind === 'http') || options.openapi;
  if (!any) {
    return new WsroutesError(
      'NO_ROUTES',
      target.kind === 'url'
        ? 'a --url target lists no HTTP routes: pass --openapi with its OpenAPI document (a file, a URL, or a path such as /openapi.json)'
        : `no HTTP routes found in ${target.spec} (${target.framework}); pass --openapi with its OpenAPI document`,
    );
  }
  const filters = [
    options.httpInclude.length ? `--http-include ${options.httpInclude.join(',')}` : '',
    options.httpExclude.length ? `--http-exclude ${options.httpExclude.join(',')}` : '',
    `--methods ${options.methods.join(',')}`,
  ]
    .filter(Boolean)
    .join(' ');
  return new WsroutesError('NO_ROUTES', `no HTTP route matched ${filters}`);
}
