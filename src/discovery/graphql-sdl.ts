/**
 * A GraphQL schema as SDL, from the result of an introspection query: how a route's schema
 * reaches `Route.graphqlSchema` when the app hands over no SDL itself (a Node framework that
 * executes the query in-process, as Mercurius' `app.graphql` does, or the route answering
 * the query over WebSocket). Built with the `graphql` package; the query is its own.
 */
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, printSchema } from 'graphql';

/** The introspection query (no descriptions: only the types matter to generation). */
export function introspectionQuery(): string {
  return getIntrospectionQuery({ descriptions: false });
}

/** The SDL of an introspection result's `data` (`{ __schema }`); undefined for anything else. */
export function sdlOfIntrospection(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('__schema' in data)) return undefined;
  try {
    return printSchema(buildClientSchema(data as IntrospectionQuery, { assumeValid: true }));
  } catch {
    return undefined;
  }
}
