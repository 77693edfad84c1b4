/**
 * `--ws-include` / `--ws-exclude`: comma-separated globs on the route template
 * (picomatch: `*` stays in one segment, `**` crosses), or the template itself.
 */
import picomatch from 'picomatch';
import type { Route } from './route.js';

export function splitList(values: string[] | string | undefined): string[] {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

function matcher(patterns: string[]): (path: string) => boolean {
  const globs = patterns.map((p) => picomatch(p, { dot: true }));
  return (path) => patterns.includes(path) || globs.some((m) => m(path));
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
