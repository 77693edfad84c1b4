/**
 * A server that is already running, in any language: nothing to start or stop,
 * routes come from the literal paths of `--ws-include`, and no server traces.
 */
import { connect } from 'node:net';
import { WsroutesError } from '../errors.js';
import { literalPaths } from '../discovery/filter.js';
import { websocketRoute } from '../discovery/route.js';
import type { Target } from './target.js';
import { NO_TRACES } from './target.js';

export async function startUrlTarget(spec: string, opts: { include: string[]; connectionTimeoutMs: number }): Promise<Target> {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new WsroutesError('USAGE', `--url: not a URL: ${spec} (expected e.g. http://127.0.0.1:8000 or ws://127.0.0.1:8000)`);
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new WsroutesError('USAGE', `--url: unsupported scheme ${url.protocol} (use http, https, ws or wss)`);
  }
  const port = Number(url.port || (secure ? 443 : 80));
  await reachable(url.hostname, port, opts.connectionTimeoutMs, spec);
  const base = `${secure ? 'wss' : 'ws'}://${url.host}${url.pathname.replace(/\/+$/, '')}`;
  return {
    kind: 'url',
    framework: 'url',
    spec,
    baseUrl: base,
    routes: literalPaths(opts.include).map((p) => ({ ...websocketRoute(p), discoveredBy: 'include' as const })),
    traces: NO_TRACES,
    stop: async () => {},
  };
}

function reachable(host: string, port: number, timeoutMs: number, spec: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const fail = (why: string): void => {
      socket.destroy();
      reject(new WsroutesError('UNREACHABLE', `--url ${spec} is not reachable: ${why}`));
    };
    socket.setTimeout(Math.min(timeoutMs, 10_000), () => fail('no answer'));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
  });
}
