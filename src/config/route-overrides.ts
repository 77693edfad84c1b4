/**
 * Per-route overrides (`routes` in a config file, `[[tool.pytest-routes.routes]]` in
 * pyproject.toml): the last entry whose glob matches the route template decides.
 * Globs as everywhere (`discovery/filter.ts`: fnmatch, `*` crosses `/`; a template also
 * matches itself literally, so `/ws/{room_id}` names its route).
 */
import { globMatch } from '../discovery/filter.js';
import type { RouteOverride } from './options.js';

export interface RouteSettings {
  maxExamples?: number;
  skip?: boolean;
}

export function overridesFor(routePath: string, overrides: readonly RouteOverride[]): RouteSettings {
  for (let i = overrides.length - 1; i >= 0; i--) {
    const o = overrides[i]!;
    if (!globMatch(o.pattern, routePath)) continue;
    const settings: RouteSettings = {};
    if (o.maxExamples !== undefined) settings.maxExamples = o.maxExamples;
    if (o.skip !== undefined) settings.skip = o.skip;
    return settings;
  }
  return {};
}
