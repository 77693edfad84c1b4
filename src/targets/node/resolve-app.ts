/**
 * From the picked export to the app value: a function that is not itself an app is a
 * factory (sync or async) and is called; a factory may return `{ app, ...more }` (Hono's
 * `{ app, injectWebSocket }`). The module's exports, with those other fields over them,
 * go to the adapter as they are: what they mean is the adapter's business.
 */
import { types } from 'node:util';
import { WsroutesError } from '../../errors.js';
import { bag } from './adapter.js';
import { errorMessage } from './load-module.js';

export const SUPPORTED =
  'a Fastify instance (with @fastify/websocket), an Express app (with express-ws), a Hono app ' +
  '(@hono/node-server 2, or @hono/node-ws with injectWebSocket exported), a ws WebSocketServer, ' +
  'an http.Server with WebSocketServers attached, or a function (sync or async) returning one of these ' +
  '(or start one at import: app.listen(3000) is moved to a free port)';

export interface ResolvedApp {
  app: unknown;
  /** The module's exports, and the other fields of a factory's `{ app, ... }` over them. */
  exports: Record<string, unknown>;
  /** How the user named it, for messages: `default`, `createApp()`. */
  label: string;
}

/** Says what a value is, in a few words. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return value.name ? `a function ${value.name}()` : 'a function';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value !== 'object') return `a ${typeof value} (${String(value)})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (types.isPromise(value)) return 'a Promise';
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = bag(proto)?.constructor;
  if (proto === null || ctor === Object) {
    const keys = Object.keys(value);
    const shown = keys.slice(0, 6).join(', ') + (keys.length > 6 ? ', …' : '');
    return keys.length > 0 ? `an object with keys ${shown}` : 'an empty object';
  }
  return typeof ctor === 'function' && ctor.name ? `an instance of ${ctor.name}` : 'an object';
}

function notAnApp(where: string, value: unknown): WsroutesError {
  return new WsroutesError('NOT_AN_APP', `${where} is ${describeValue(value)}, not a supported app; supported: ${SUPPORTED}`);
}

/** `isApp` recognises the supported values; `where` names the export in messages (`app.ts:default`). */
export async function resolveApp(value: unknown, ns: Record<string, unknown>, where: string, isApp: (value: unknown) => boolean): Promise<ResolvedApp> {
  if (isApp(value)) return { app: value, exports: ns, label: where };
  if (typeof value !== 'function') throw notAnApp(where, value);
  const label = `${where}()`;
  let result: unknown;
  try {
    result = value();
    // Only a real promise is awaited: a Fastify instance is thenable and awaiting it boots it.
    if (types.isPromise(result)) result = await result;
  } catch (err) {
    throw new WsroutesError('APP_START_FAILED', `The factory ${label} threw: ${errorMessage(err)}`, { cause: err });
  }
  const wrapped = bag(result);
  if (!isApp(result) && wrapped && isApp(wrapped.app)) {
    return { app: wrapped.app, exports: { ...ns, ...wrapped }, label };
  }
  if (!isApp(result)) throw notAnApp(`${label} returned a value that`, result);
  return { app: result, exports: ns, label };
}
