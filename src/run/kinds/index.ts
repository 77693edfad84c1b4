/**
 * The route kinds a run knows, by `Route['kind']`. A new kind is one file implementing
 * `RouteKind` (route-kind.ts) and one line here.
 */
import type { Route } from '../../discovery/route.js';
import type { RouteKind } from '../route-kind.js';
import { httpKind } from './http.js';
import { websocketKind } from './websocket.js';

const KINDS: Record<Route['kind'], RouteKind> = { websocket: websocketKind, http: httpKind };

export function kindOf(route: Route): RouteKind {
  return KINDS[route.kind];
}
