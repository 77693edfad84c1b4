/**
 * Route globs, one helper for every place that matches a route template
 * (`--ws-include` / `--ws-exclude`, per-route overrides, strategies, subprotocol and
 * GraphQL rules). The semantics are pytest-routes', i.e. Python's `fnmatch`: `*`
 * matches any characters, `/` included, so `/ws/admin/*` also covers
 * `/ws/admin/users/feed`. picomatch's `bash` mode gives exactly that. A template
 * also matches itself literally, so `/ws/{room_id}` names its route.
 */
import picomatch from 'picomatch';
import type { Route } from './route.js';

const compiled = new Map<string, (path: string) => boolean>();

/** Whether the route template `path` matches `glob` (fnmatch semantics, or the template itself). */
export function globMatch(glob: string, path: string): boolean {
  if (glob === path) return true;
  let m = compiled.get(glob);
  if (!m) compiled.set(glob, (m = picomatch(glob, { dot: true, bash: true })));
  return m(path);
}

export function splitList(values: string[] | string | undefined): string[] {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  return list
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function matcher(patterns: string[]): (path: string) => boolean {
  return (path) => patterns.some((p) => globMatch(p, path));
}

export function filterRoutes(routes: Route[], include: string[], exclude: string[]): Route[] {
  const inc = include.length ? matcher(include) : () => true;
  const exc = exclude.length ? matcher(exclude) : () => false;
  return routes.filter((r) => inc(r.path) && !exc(r.path));
}

/** Include entries that name a concrete path (no glob characters): usable as routes when discovery has none. */
export function literalPaths(include: string[]): string[] {
  return include.filter((p) => p.startsWith('/') && !picomatch.scan(p).isGlob);
}
