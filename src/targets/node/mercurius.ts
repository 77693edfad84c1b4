/**
 * Mercurius (GraphQL on Fastify) with `subscription: true` serves graphql-ws and
 * graphql-transport-ws on its GraphQL route through @fastify/websocket. Over that route it
 * runs subscriptions only (introspection is a query), so its schema comes from the app:
 * the instance's `graphql` decorator executes the introspection query in-process, with the
 * app's own copy of `graphql`, and the answer becomes the route's SDL.
 */
import { introspectionQuery, sdlOfIntrospection } from '../../discovery/graphql-sdl.js';
import { bag } from './adapter.js';

/**
 * The `graphql` decorator of the instance a WebSocket route was declared on, when the route
 * is Mercurius' own GraphQL route (its GET querystring takes `query`); undefined otherwise.
 */
export function mercuriusOf(instance: unknown, routeOptions: Record<string, unknown>): unknown {
  const graphql = bag(instance)?.graphql;
  const takesQuery = bag(bag(bag(bag(routeOptions.schema)?.querystring)?.properties)?.query) !== undefined;
  return typeof graphql === 'function' && bag(graphql)?.schema !== undefined && takesQuery ? graphql : undefined;
}

/** The SDL of the schema a Mercurius `graphql` decorator serves, once the app is ready; undefined when it refuses introspection. */
export async function mercuriusSdl(graphql: unknown): Promise<string | undefined> {
  try {
    const result = await (graphql as (source: string) => Promise<{ data?: unknown }>)(introspectionQuery());
    return sdlOfIntrospection(result?.data);
  } catch {
    return undefined;
  }
}
