/**
 * The contract of a protocol layered on WebSocket (plain messages, Socket.IO, GraphQL over
 * WebSocket, ...). A protocol is one module of this folder plus one line in `index.ts`:
 * - `detect`: whether a route speaks it, from probe connections on the live server, for a
 *   route whose protocol neither its framework nor the configuration named;
 * - `plan`: what a connection of the route sends (messages generated from what the route
 *   declares: events, acks, operations, procedures), the subprotocols it offers, and how
 *   the run treats them;
 * - `answers`: which server replies are handled errors, so the exception the app logged
 *   for them is read as the answer it was (execution/answers.ts, judgement/server-error.ts).
 * Framing that lives under the WebSocket API (Socket.IO's Engine.IO packets) stays in
 * execution; the plan names it through the route.
 */
import type fc from 'fast-check';
import type { Options } from '../config/options.js';
import type { ProtocolName, Route, SocketIoRoute } from '../discovery/route.js';
import type { HandledErrors } from '../execution/answers.js';
import type { Transcript } from '../execution/transcript.js';
import type { Message } from '../generation/message.js';
import type { Sequence } from '../generation/sequence.js';
import type { SubprotocolOffer } from '../generation/subprotocols.js';

export type { ProtocolName };

/** What a connection of a route sends, and how the run treats it. */
export interface ProtocolPlan {
  /**
   * One connection's sequences: path parameters, messages (generated from what the route
   * declares), the subprotocol offer, the close code, and whether replies are awaited.
   */
  arb: fc.Arbitrary<Sequence>;
  /** The JSON-to-text pass may rewrite messages as free text (only where text is the protocol). */
  normalizable: boolean;
  /** Multi-client scripts of these sequences: false for a protocol of one connection's state. */
  scripts: boolean;
}

/**
 * One probe connection on the live route (its path filled with its first drawn parameters):
 * these messages, this offer. `path` connects elsewhere on the same server instead: a template
 * (and query) filled with the same parameters, such as the route's path as an Engine.IO
 * endpoint (`/chat?EIO=4&transport=websocket`) or the default one (`/socket.io/?EIO=4&...`).
 * `socketio` connects as a client of that Socket.IO namespace (execution/socketio-socket.ts):
 * the connection opens once the namespace is joined. With `answer` (a question, such as
 * GraphQL's introspection), the messages are sent as a protocol client sends them (one at a
 * time, connection_init waiting for its ack) and the connection stays open until a text
 * frame `answer` accepts arrives, kept whole in `Transcript.answer` (or message_timeout passes).
 */
export type Probe = (input: {
  messages: Message[];
  offer?: SubprotocolOffer;
  path?: string;
  socketio?: SocketIoRoute;
  /** Without messages: wait this long at most for the server's first frame before closing (it may speak first). */
  firstFrameMs?: number;
  answer?: (text: string) => boolean;
}) => Promise<Transcript>;

export interface Protocol {
  name: ProtocolName;
  /**
   * Whether the route speaks this protocol, from probe connections: the route as it runs
   * then (its `protocol` set, and what the wire told: a GraphQL subprotocol, an Engine.IO
   * endpoint), or undefined. Tried in `index.ts`'s order; none for the plain protocol.
   */
  detect?(route: Route, probe: Probe): Promise<Route | undefined>;
  /**
   * What the live route tells about itself once its protocol is named (GraphQL: its schema, by
   * introspection over the route), for `plan` to generate from; the route as it was when it tells nothing.
   */
  learn?(route: Route, options: Options, probe: Probe): Promise<Route>;
  plan(route: Route, options: Options): ProtocolPlan;
  /** Which replies and closes answer with a handled error. */
  answers?: HandledErrors;
}
