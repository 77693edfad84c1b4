/**
 * The one contract every Node framework adapter fills in: recognise an app by its
 * shape (never `instanceof`: the app's copy of a framework may be another module
 * instance than ours), then start it on 127.0.0.1 and list its WebSocket routes.
 */
import type { Server } from 'node:http';
import type { Route } from '../../discovery/route.js';
import { closeServer, portOf } from './listen.js';

export type NodeFramework = 'fastify' | 'express' | 'hono' | 'ws' | 'http' | 'nest' | 'socketio';

export interface AdapterContext {
  /** Absolute path of the app module, to resolve packages the way the app does. */
  appFile: string;
  /** --ws-include patterns; literal ones name routes a server routes by itself. */
  include: string[];
  /** --http: an app with HTTP routes and no WebSocket plugin starts (its HTTP routes only). */
  http?: boolean;
  /**
   * What the app module exports beside the app, with the other fields of a factory's
   * `{ app, ... }` over them: where an adapter finds what its app needs besides itself
   * (Hono's `injectWebSocket`). Empty for an app given as a value.
   */
  exports?: Readonly<Record<string, unknown>>;
  /**
   * The server the module started itself at import (`app.listen(3000)`), already moved
   * to a free loopback port: the adapter uses it instead of listening again.
   */
  listening?: Server;
  /**
   * `ws` WebSocketServers are attached to `listening` (found by a probe): the start path adds
   * their routes, so an app without its framework's WebSocket plugin (an Express app without
   * express-ws, as Apollo's subscriptions setup has) still starts.
   */
  wsAttached?: boolean;
}

/**
 * What an adapter watches while the app module loads (Fastify instances and their
 * routes, Nest applications, Socket.IO servers): a module that exports nothing, or
 * that starts its own server at import, is still recognised through it.
 */
export interface AppRecorder {
  /** App values of this adapter's framework created during the load, oldest first. */
  found(): unknown[];
  /** Ends the watching; idempotent. */
  stop(): void;
  /** Optional: resolves once the watching is in place (the app's ESM copy of a package had to be imported first). */
  ready?(): Promise<void>;
}

/** What a recorder is told: the app module, and how to tell the module's own calls from others. */
export interface RecordContext {
  appFile: string;
  /**
   * True when called from within the app module's load (its async context, later timers
   * included): a recorder that patches something process-wide keeps only the app's calls,
   * not those of another app loading at the same time.
   */
  fromApp?(): boolean;
}

export interface StartedApp {
  /** The listening server on which upgrades arrive. */
  server: Server;
  routes: Route[];
  /** Releases what the framework holds beyond the server (fastify.close, wss.close); must not throw. */
  close(): Promise<void>;
}

export interface NodeAdapter {
  framework: NodeFramework;
  matches(value: unknown): boolean;
  /** Throws WsroutesError (NOT_AN_APP, APP_START_FAILED) and leaves nothing listening when it fails. */
  start(value: unknown, ctx: AdapterContext): Promise<StartedApp>;
  /** Optional: called just before the app module loads (see AppRecorder). */
  record?(ctx: RecordContext): AppRecorder;
}

/** A property bag view of an unknown value, for shape checks. */
export function bag(value: unknown): Record<string, unknown> | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** True when every named property of `value` is a function. */
export function hasMethods(value: unknown, ...names: string[]): boolean {
  const b = bag(value);
  return b !== undefined && names.every((n) => typeof b[n] === 'function');
}

/** Stops what an adapter started: its own close (errors ignored: stopping never throws), then the server. */
export async function stopStarted(started: StartedApp): Promise<void> {
  await started.close().catch(() => {});
  await closeServer(started.server);
}

/** The port a started app listens on; when there is none, the app is stopped and the error rethrown. */
export async function portOrStop(started: StartedApp): Promise<number> {
  try {
    return portOf(started.server);
  } catch (err) {
    await stopStarted(started);
    throw err;
  }
}
