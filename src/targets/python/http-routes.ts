/**
 * The HTTP routes of a Python app (`--http`) out of the bridge's `ready` event: the framework's
 * own OpenAPI document (FastAPI, Litestar), turned into operations by the converter `--openapi`
 * uses too, and the `http_routes` the bridge lists from paths and convertors (Starlette, Falcon,
 * Quart, Django; a FastAPI app's mounted sub-apps). Each operation is one Route of kind 'http'.
 * A document the converter refuses costs its routes and adds a warning, never the start.
 */
import type { HttpOperation } from '../../discovery/http-route.js';
import { operationsFromOpenApi } from '../../discovery/openapi.js';
import type { Route } from '../../discovery/route.js';
import { paramsOf } from '../../discovery/route.js';

type Json = Record<string, unknown>;

/** One Route per operation: the operation's own path and params, its one method. */
export function httpRoute(op: HttpOperation): Route {
  return { path: op.path, kind: 'http', params: op.params, methods: [op.method], http: op };
}

/** An entry of `http_routes` (`{method, path, name?}`) as an operation: params from the path only. */
export function operationOfListed(raw: unknown): HttpOperation | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { method, path, name } = raw as Json;
  if (typeof method !== 'string' || method === '' || typeof path !== 'string') return undefined;
  const op: HttpOperation = { method: method.toUpperCase(), path, params: paramsOf(path), query: [] };
  if (typeof name === 'string' && name !== '') op.name = name;
  return op;
}

/** The ready event's HTTP routes; a warning for each part that could not be read. */
export function httpRoutesOfReady(ready: Json, warnings: string[]): Route[] {
  const ops: HttpOperation[] = [];
  if (ready.openapi !== undefined && ready.openapi !== null) {
    try {
      ops.push(...operationsFromOpenApi(ready.openapi));
    } catch (err) {
      warnings.push(`the app's OpenAPI document was not read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const listed = Array.isArray(ready.http_routes) ? ready.http_routes : [];
  for (const raw of listed) {
    const op = operationOfListed(raw);
    if (op) ops.push(op);
  }
  return ops.map(httpRoute);
}
