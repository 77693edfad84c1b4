/**
 * The one list of Node framework adapters, used by every start path (CLI, runner
 * integrations, Conductor). Adding a framework is one adapter file and one line here.
 * Order matters: the first adapter that matches a value wins (an Express app is a
 * function, so it comes before factories; the plain http.Server comes last).
 */
import type { NodeAdapter } from './adapter.js';
import { expressAdapter } from './express.js';
import { fastifyAdapter } from './fastify.js';
import { honoAdapter } from './hono.js';
import { httpAdapter } from './http.js';
import { nestAdapter } from './nest.js';
import { socketioAdapter } from './socketio.js';
import { wsAdapter } from './ws.js';

export const NODE_ADAPTERS: readonly NodeAdapter[] = [
  nestAdapter, // first: a Nest app has an Express (or Fastify) app and an http.Server inside
  fastifyAdapter,
  expressAdapter,
  honoAdapter,
  wsAdapter,
  socketioAdapter, // before http: a Socket.IO server sits on an http.Server
  httpAdapter,
];

/** The first adapter that recognises `value`. */
export function adapterFor(value: unknown): NodeAdapter | undefined {
  return NODE_ADAPTERS.find((a) => a.matches(value));
}
