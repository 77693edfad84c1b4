/**
 * What a GraphQL-over-WebSocket server answers to bad operations, asked by hand with the
 * Conductor on the app itself: after connection_init, one subscribe (or start) of a
 * document that does not parse and one of a field the schema lacks. A route that passes
 * must have answered these with handled errors (protocols/graphql.ts `answers`), kept the
 * connection open and raised nothing: otherwise its pass would say nothing about them.
 */
import { Conductor } from '../../../src/index.js';
import { graphqlTransportWs, graphqlWs } from '../../../src/protocols/graphql.js';

export interface BadOperationAnswers {
  /** The replies to the two bad operations, as text. */
  replies: string[];
  /** How many of them the protocol reads as handled errors. */
  handled: number;
  closed: boolean;
  traces: string[];
}

export async function badOperationAnswers(app: string, path: string, protocol: 'graphql-transport-ws' | 'graphql-ws'): Promise<BadOperationAnswers> {
  await using conductor = await Conductor.start({ app });
  await using client = await conductor.simulateWs(path, { subprotocols: [protocol] });
  await client.sendText(JSON.stringify({ type: 'connection_init', payload: {} }));
  let ack = await client.receiveText();
  while (JSON.parse(ack).type === 'ka') ack = await client.receiveText();
  const start = protocol === 'graphql-ws' ? 'start' : 'subscribe';
  const replies: string[] = [];
  for (const [id, query] of [
    ['1', 'subscription {'],
    ['2', 'subscription { noSuchField }'],
  ] as const) {
    await client.sendText(JSON.stringify({ id, type: start, payload: { query } }));
    let reply = await client.receiveText();
    while (JSON.parse(reply).type === 'ka') reply = await client.receiveText();
    replies.push(reply);
  }
  const answers = (protocol === 'graphql-ws' ? graphqlWs : graphqlTransportWs).answers!;
  const closed = client.closed;
  await client.close();
  return { replies, handled: replies.filter((r) => answers.frame!(r)).length, closed, traces: await client.serverTraces() };
}
