/**
 * `--verbose`: one line per WebSocket route, after the run, with what was found about it: the
 * protocol it was tested with and how the route was found, its events, Socket.IO acks,
 * literals and the keys its handler reads. A route's protocol is only named when its run
 * starts (framework, configuration or the wire), so this comes after the run.
 */
import type { RouteResult, RunResult } from '../run/results.js';
import { escapeControls } from './terminal-text.js';

/** `/chat: socketio (framework); events: join, say; acks: join; literals: "join", 42; keys: type` */
export function routeFactsLine(r: RouteResult): string {
  const how = r.discoveredBy ? ` (${r.discoveredBy})` : '';
  const parts = [`${r.protocol ?? 'protocol not named (the route did not run)'}${how}`];
  if (r.events?.length) parts.push(`events: ${r.events.join(', ')}`);
  if (r.acks?.length) parts.push(`acks: ${r.acks.join(', ')}`);
  const l = r.literals;
  const literals = l ? [...l.strings.map((s) => JSON.stringify(s)), ...l.numbers.map(String)] : [];
  if (literals.length) parts.push(`literals: ${literals.join(', ')}`);
  if (l?.keys.length) parts.push(`keys: ${l.keys.join(', ')}`);
  return escapeControls(`${r.path}: ${parts.join('; ')}`);
}

/** The block --verbose prints after the run (nothing when the run had no WebSocket route). */
export function routeFactsText(run: RunResult): string {
  const routes = run.routes.filter((r) => r.kind === 'websocket');
  if (!routes.length) return '';
  return `wsroutes: routes as tested (protocol (how found); events; acks; literals; keys):\n${routes.map((r) => `  ${routeFactsLine(r)}\n`).join('')}`;
}
