/**
 * Which GraphQL-over-WebSocket protocol a route speaks, found with real handshakes:
 * offer `graphql-transport-ws`, then `graphql-ws`, and take the first one the server
 * selects and keeps (graphql-ws servers close 4406 on a connection without their
 * subprotocol: RFC 6455 section 4.2.2 leaves the choice to the server).
 */
import type { GraphqlProtocol } from '../../generation/graphql.js';
import { GRAPHQL_PROTOCOLS, connectionInit } from '../../generation/graphql.js';
import type { SequenceRunner } from '../judged-runners.js';

/** The protocol a server of this route selects, or undefined when it selects neither. */
export async function probeGraphqlProtocol(run: SequenceRunner, params: Record<string, string>): Promise<GraphqlProtocol | undefined> {
  for (const protocol of GRAPHQL_PROTOCOLS) {
    const { transcript, judgement } = await run({
      params,
      messages: [connectionInit],
      closeCode: 1000,
      subprotocols: { offer: [protocol], required: false },
    });
    const refused = judgement.untested?.closeCode === 4406;
    if (transcript.handshake.outcome === 'accepted' && transcript.handshake.subprotocol === protocol && !refused) return protocol;
  }
  return undefined;
}
