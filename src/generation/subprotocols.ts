/**
 * The subprotocol list a connection offers (Sec-WebSocket-Protocol, RFC 6455 section
 * 4.1 and 11.3.4). A route matching a configured rule always offers that rule's
 * list (a rule is the user saying what the route speaks, so it needs no second
 * switch); with validate_subprotocols, any other route offers 0..3 tokens drawn from
 * common protocol names and random tokens, so a server that answers with a protocol
 * it was not offered shows up.
 */
import fc from 'fast-check';
import { globMatch } from '../discovery/filter.js';

export interface SubprotocolOffer {
  offer: string[];
  /** The server must select one of them (a configured rule says so). */
  required: boolean;
}

export interface SubprotocolRuleLike {
  route: string;
  offer: string[];
  required: boolean;
}

const POOL = ['chat', 'json', 'v1.chat.example.com', 'mqtt', 'wamp.2.json', 'soap', 'stomp', 'v12.stomp'];

// RFC 7230 token characters, letters first so shrinking lands on readable names.
const TOKEN_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ..."!#$%&'*+-.^_`|~"];
const randomToken = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 12 });

export const generatedOfferArb: fc.Arbitrary<string[]> = fc.uniqueArray(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: randomToken }),
  { maxLength: 3 },
);

/** The rule whose glob matches the route first, if any. */
export function ruleFor<R extends SubprotocolRuleLike>(rules: readonly R[], routePath: string): R | undefined {
  return rules.find((r) => globMatch(r.route, routePath));
}

/** What to offer on this route; undefined when nothing is offered (no rule, and validate_subprotocols off). */
export function subprotocolOfferArb(
  routePath: string,
  c: { validate: boolean; rules: readonly SubprotocolRuleLike[] },
): fc.Arbitrary<SubprotocolOffer> | undefined {
  const rule = ruleFor(c.rules, routePath);
  if (rule) return fc.constant({ offer: [...rule.offer], required: rule.required });
  if (!c.validate) return undefined;
  return generatedOfferArb.map((offer) => ({ offer, required: false }));
}
