/**
 * Socket.IO: a route is a namespace (`route.socketio`), its connection goes to the
 * Engine.IO endpoint and speaks Engine.IO/Socket.IO packets under the WebSocket API
 * (execution/socketio-socket.ts), and its messages are emits of the namespace's events
 * with their arguments, with and without acks (generation/socketio.ts). Emits are one
 * connection's packets: no JSON-to-text rewriting.
 *
 * Handled errors are answers (error-answer.ts holds the rule): an ack whose first argument
 * is an error answer (`cb({ error })`, the Socket.IO docs' `cb({ status: 'Bad Request',
 * error })`, `cb({ status: 'error', message })`, a Feathers error `cb({ name, message,
 * code, className })`), and an `exception` event carrying an object (what Nest's gateways
 * answer a WsException with, `42["exception",{"status":"error","message":...}]`). Only
 * these two: an ack is the handler's own answer to the emit, and `exception` is the event a
 * framework sends to answer with an error; any other event the server emits is data. One
 * that says the server failed (a code of 500 or more, Nest's "Internal server error" for
 * an exception it did not expect) is not an answer: the trace logged with it is a crash's.
 */
import type { HandledErrors } from '../execution/answers.js';
import { decodeFrame, SIO } from '../execution/socketio-framing.js';
import { sequenceArb } from '../generation/sequence.js';
import { socketioMessagesArb } from '../generation/socketio.js';
import { isErrorAnswer, isExceptionAnswer } from './error-answer.js';
import type { Protocol } from './protocol.js';
import { sequenceBase } from './sequence-base.js';

/** The Socket.IO packet of a server frame answers with a handled error: an ack carrying an error answer first, or an `exception` event. */
export function isSocketIoErrorAnswer(data: string | Buffer): boolean {
  if (typeof data !== 'string') return false;
  const frame = decodeFrame(data);
  if (frame.kind !== 'packet' || !Array.isArray(frame.packet.data)) return false;
  const { type, data: args } = frame.packet;
  if (type === SIO.ack || type === SIO.binaryAck) return isErrorAnswer(args[0]);
  if (type === SIO.event || type === SIO.binaryEvent) return args[0] === 'exception' && isExceptionAnswer(args[1]);
  return false;
}

const answers: HandledErrors = { frame: isSocketIoErrorAnswer };

export const socketio: Protocol = {
  name: 'socketio',
  plan(route, options) {
    const arb = sequenceArb(route, { ...sequenceBase(options), messageList: socketioMessagesArb(route, options.maxMessages, options.maxMessageSize) });
    return { arb, normalizable: false, scripts: false };
  },
  answers,
};
