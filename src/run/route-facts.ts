/**
 * What a WebSocket route's result says was found about it, so it can be read without reading
 * the code (issue 21): the protocol it was tested with (named when its run started:
 * framework, configuration or the wire), the events its handlers listen for and which of them
 * take a Socket.IO ack, the literals its handler compares messages with, and how the route was
 * found. HTTP routes carry none of these.
 */
import type { Route } from '../discovery/route.js';
import { hasLiterals } from '../generation/literals.js';
import type { RouteResult } from './results.js';

export type RouteFacts = Pick<RouteResult, 'protocol' | 'events' | 'acks' | 'literals' | 'discoveredBy'>;

/** The route's facts as result fields; a fact that is unknown or empty is left out. */
export function routeFacts(route: Route): RouteFacts {
  if (route.kind !== 'websocket') return {};
  const l = route.literals;
  const acks = route.socketio?.acks ?? [];
  return {
    ...(route.protocol && { protocol: route.protocol }),
    ...(route.events?.length && { events: [...route.events] }),
    ...(acks.length && { acks: [...acks] }),
    ...(hasLiterals(l) && { literals: { strings: [...l.strings], numbers: [...l.numbers], keys: [...l.keys] } }),
    ...(route.discoveredBy && { discoveredBy: route.discoveredBy }),
  };
}
