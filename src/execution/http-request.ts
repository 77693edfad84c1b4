/**
 * One HTTP request over a fresh TCP connection (`agent: false`, `Connection: close`),
 * so our local port names the request for the target's TraceSource exactly as it
 * names a WebSocket connection: the watch starts as the socket connects, before the
 * server can read a byte. The run's handshake inputs (`--auth`, `--header`,
 * `--cookie`, `--query`) are added to every request. Bounded by two timers: the
 * connection timeout until the socket connects, then the message timeout for the
 * whole answer. The outcome is plain data for `judgement/http.ts`.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { HttpRequestSpec } from '../generation/http-request.js';
import type { ServerTrace, TraceSource, TraceWatch } from '../targets/target.js';
import type { AuthParts } from './auth.js';

/** Response bodies are kept up to this size (judgement and reports need no more). */
export const MAX_BODY_BYTES = 1 << 20;

export interface HttpOutcome {
  /** What was sent (auth applied), for reports: path with query. */
  url: string;
  response?: { status: number; headers: Record<string, string>; body: string; truncated: boolean };
  /** No complete answer: no connection in time, no answer in time, or the connection dropped. */
  error?: { kind: 'connect_timeout' | 'timeout' | 'dropped' | 'refused'; message: string };
  traces: ServerTrace[];
  elapsedMs: number;
}

export interface HttpSendOptions {
  /** `http://host:port` (or a ws:// base, turned into http). */
  baseUrl: string;
  auth: AuthParts;
  traces: TraceSource;
  connectionTimeoutMs: number;
  messageTimeoutMs: number;
}

/** Path and query of `spec` with the run's query inputs added (our query last, as for WebSocket handshakes). */
export function urlOf(spec: HttpRequestSpec, auth: AuthParts): string {
  const pairs = [...spec.query, ...Object.entries(auth.query)];
  return pairs.length ? `${spec.path}?${new URLSearchParams(pairs).toString()}` : spec.path;
}

/** Headers of `spec` with the run's headers added (a declared header the user also set: the user's wins). */
export function headersOf(spec: HttpRequestSpec, auth: AuthParts): Record<string, string> {
  const out: Record<string, string> = {};
  const lower = new Set(Object.keys(auth.headers).map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(spec.headers)) if (!lower.has(k.toLowerCase())) out[k] = v;
  return { ...out, ...auth.headers };
}

export function sendHttp(spec: HttpRequestSpec, o: HttpSendOptions): Promise<HttpOutcome> {
  const base = new URL(o.baseUrl.replace(/^ws(s?):/, 'http$1:'));
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = urlOf(spec, o.auth);
  const headers = headersOf(spec, o.auth);
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
  if (body) headers['content-length'] = String(body.length);
  const started = performance.now();
  return new Promise((resolve) => {
    let watch: TraceWatch | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = async (result: Omit<HttpOutcome, 'traces' | 'elapsedMs' | 'url'>): Promise<void> => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      const elapsedMs = performance.now() - started;
      const traces = watch ? await watch.end() : [];
      resolve({ url, ...result, traces, elapsedMs });
    };
    const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send({
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      method: spec.method,
      path: prefix + url,
      headers: { connection: 'close', ...headers },
      agent: false,
      // Self-signed certificates of a dev server are what a test run meets.
      rejectUnauthorized: false,
    });
    timer = setTimeout(() => {
      void finish({ error: { kind: 'connect_timeout', message: `no connection within ${o.connectionTimeoutMs} ms` } });
    }, o.connectionTimeoutMs);
    req.once('socket', (socket: Socket) => {
      const connected = (): void => {
        if (settled) return;
        if (socket.localPort !== undefined) watch = o.traces.watch(socket.localPort, () => {});
        clearTimeout(timer);
        timer = setTimeout(() => {
          void finish({ error: { kind: 'timeout', message: `no complete answer within ${o.messageTimeoutMs} ms` } });
        }, o.messageTimeoutMs);
      };
      if (socket.connecting) socket.prependOnceListener('connect', connected);
      else connected();
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        else truncated = true;
        size += chunk.length;
      });
      res.once('end', () => {
        const text = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        void finish({ response: { status: res.statusCode ?? 0, headers: flat, body: text, truncated: truncated || size > MAX_BODY_BYTES } });
      });
      res.once('aborted', () => void finish({ error: { kind: 'dropped', message: 'the connection dropped in the middle of the response' } }));
      res.once('error', () => void finish({ error: { kind: 'dropped', message: 'the connection dropped in the middle of the response' } }));
    });
    req.once('error', (err: NodeJS.ErrnoException) => {
      const kind = err.code === 'ECONNREFUSED' ? 'refused' : 'dropped';
      const message =
        kind === 'refused'
          ? 'connection refused'
          : err.code === 'ECONNRESET' || err.message === 'socket hang up'
            ? 'the server closed the connection without an answer'
            : `the request failed: ${err.code ?? err.message}`;
      void finish({ error: { kind, message } });
    });
    if (body) req.end(body);
    else req.end();
  });
}
