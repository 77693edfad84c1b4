/**
 * Plain WebSocket messages: the default text, JSON and binary messages (or the user's
 * strategies for the route), with `{ event, data }` messages for a route whose handlers
 * dispatch on event names (NestJS gateways, generation/events.ts), messages carrying the
 * literals its handler code compares with (generation/literals.ts), and the configured or
 * generated subprotocol offers. The protocol of every route no other protocol claims.
 */
import type fc from 'fast-check';
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import { eventMessageArb } from '../generation/events.js';
import { literalMessageArb } from '../generation/literals.js';
import type { Message } from '../generation/message.js';
import { sequenceArb } from '../generation/sequence.js';
import { strategiesFor } from '../generation/strategies.js';
import { subprotocolOfferArb } from '../generation/subprotocols.js';
import type { Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';

export const plain: Protocol = {
  name: 'plain',
  plan(route, options) {
    const strategies = strategiesFor(route.path);
    const events = strategies ? undefined : eventsOf(route, options);
    const arb = sequenceArb(route, {
      ...sequenceBase(options),
      strategies,
      kinds: options.messageKinds,
      events,
      literals: strategies ? undefined : literalMessageArb(route.literals, { kinds: options.messageKinds, maxMessageSize: options.maxMessageSize }),
      subprotocols: subprotocolOfferArb(route.path, { validate: options.validateSubprotocols, rules: options.subprotocols }),
    });
    // The JSON-to-text pass would send text the route's own strategies (or --ws-message-kinds) never produce,
    // and would shrink an event message's envelope as free text instead of shrinking its data.
    return { arb, normalizable: !strategies && !events && (options.messageKinds?.includes('text') ?? true), scripts: true };
  },
};

/** `{ event, data }` messages for a route whose handlers dispatch on event names (JSON, so not when the kinds leave JSON out). */
function eventsOf(route: Route, options: Options): fc.Arbitrary<Message> | undefined {
  if (!route.events?.length || !(options.messageKinds?.includes('json') ?? true)) return undefined;
  return eventMessageArb(route.events, { maxMessageSize: options.maxMessageSize });
}
