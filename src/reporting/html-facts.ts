/**
 * The HTML report's rows for what was found about a route (its protocol, how it was found,
 * its events, Socket.IO acks, literals and the keys its handler reads) and for what a
 * failure's exception did to the server process. `t` is the page's redacting, escaping text
 * function.
 */
import type { FailureResult, RouteResult } from '../run/results.js';
import { processFate, UNCAUGHT_LABEL } from './process-fate.js';

type Text = (text: string) => string;

/** The route's facts as a definition list (class `facts`), or nothing for a route with none (an HTTP route). */
export function routeFactsList(route: RouteResult, t: Text): string {
  const rows: Array<[string, string, string]> = [];
  if (route.protocol) rows.push(['protocol', 'Protocol', route.protocol]);
  if (route.discoveredBy) rows.push(['discovered-by', 'Discovered by', route.discoveredBy]);
  if (route.events?.length) rows.push(['events', 'Events', route.events.join(', ')]);
  if (route.acks?.length) rows.push(['acks', 'Acks', route.acks.join(', ')]);
  const l = route.literals;
  const literals = l ? [...l.strings.map((s) => JSON.stringify(s)), ...l.numbers.map(String)] : [];
  if (literals.length) rows.push(['literals', 'Literals', literals.join(', ')]);
  if (l?.keys.length) rows.push(['keys', 'Keys read', l.keys.join(', ')]);
  if (!rows.length) return '';
  return `<dl class="facts">${rows.map(([cls, label, value]) => `<dt>${label}</dt><dd class="${cls}">${t(value)}</dd>`).join('')}</dl>`;
}

/** The failure's `Uncaught` row, when it is known whether its exception would end the server process. */
export function uncaughtRow(f: FailureResult, t: Text): string {
  const fate = processFate(f);
  return fate ? `<dt>${UNCAUGHT_LABEL}</dt><dd class="uncaught ${f.uncaught ? 'yes' : 'no'}">${t(fate)}</dd>\n` : '';
}
