/**
 * The reproduce line of an HTTP route: the WebSocket one (`replay.ts`: the target,
 * handshake inputs as placeholders, limits, the seed) with the route named the HTTP
 * way: `--no-websocket --http --http-include PATH --methods METHOD`, and every HTTP
 * option that changes what is sent or judged.
 */
import type { Options } from '../config/options.js';
import { DEFAULTS } from '../config/options.js';
import { reproduceCommand, shellQuote } from './replay.js';

export function httpReproduceCommand(o: Options, path: string, method: string): string {
  const ws = reproduceCommand(o, path);
  const http = ['--no-websocket', '--http', '--http-include', path, '--methods', method];
  if (o.openapi) http.push('--openapi', /^https?:\/\//i.test(o.openapi) || o.openapi.startsWith('/') ? o.openapi : `${o.cwd}/${o.openapi}`);
  if (o.failOn5xx !== DEFAULTS.failOn5xx) http.push('--no-fail-on-5xx');
  if (o.allowedStatusCodes.length) http.push('--allowed-status-codes', o.allowedStatusCodes.join(','));
  if (o.validateResponses) http.push('--validate-responses');
  // The WebSocket line names the route with --ws-include: the HTTP flags take its place.
  const named = ` --ws-include ${shellQuote(path)} `;
  const line = http.map(shellQuote).join(' ');
  return ws.includes(named) ? ws.replace(named, ` ${line} `) : `${ws} ${line}`;
}
