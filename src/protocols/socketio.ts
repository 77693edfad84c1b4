/**
 * Socket.IO: a route is a namespace (`route.socketio`), its connection goes to the
 * Engine.IO endpoint and speaks Engine.IO/Socket.IO packets under the WebSocket API
 * (execution/socketio-socket.ts), and its messages are emits of the namespace's events
 * with their arguments and acks (generation/socketio.ts). Emits are one connection's
 * packets: no JSON-to-text rewriting.
 */
import type { Protocol } from './protocol.js';
import { sequenceArb } from '../generation/sequence.js';
import { socketioMessagesArb } from '../generation/socketio.js';
import { sequenceBase } from './sequence-base.js';

export const socketio: Protocol = {
  name: 'socketio',
  plan(route, options) {
    const arb = sequenceArb(route, { ...sequenceBase(options), messageList: socketioMessagesArb(route, options.maxMessages, options.maxMessageSize) });
    return { arb, normalizable: false, scripts: false };
  },
};
