/**
 * The end-of-run summary, in the shape of pytest-routes' "WebSocket Test Summary"
 * box: per route its status and counters, then one line of totals with the seed.
 */
import pc from 'picocolors';
import type { RouteResult, RunResult } from '../run/results.js';
import { escapeUnprintable } from './printable.js';
import { escapeControls } from './terminal-text.js';

export interface SummaryOptions {
  color: boolean;
}

const TITLE = 'wsroutes: WebSocket Test Summary';
const RULE = '='.repeat(TITLE.length);

/** 1247 -> "1,247". */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

function routeLines(route: RouteResult, c: ReturnType<typeof pc.createColors>): string[] {
  const paint = route.status === 'passed' ? c.green : route.status === 'failed' ? c.red : c.yellow;
  const path = escapeUnprintable(route.path);
  const name = route.kind === 'http' ? `${route.method ?? ''} ${path} (http)`.trimStart() : path;
  const lines = [`Route: ${name}`, `  Status: ${paint(route.status)}`];
  if (route.status === 'skipped') {
    if (route.skipReason) lines.push(`  Reason: ${escapeControls(route.skipReason)}`);
    return lines;
  }
  if (route.kind === 'http') {
    lines.push(`  Requests sent: ${thousands(route.messagesSent)}`, `  Failures: ${thousands(route.failures.length)}`);
    return lines;
  }
  lines.push(
    `  Sequences tested: ${thousands(route.sequences)}`,
    `  Messages sent: ${thousands(route.messagesSent)}`,
    `  Connections established: ${thousands(route.connections)}`,
    `  Failures: ${thousands(route.failures.length)}${route.failures.length > 1 ? ' (distinct)' : ''}`,
  );
  for (const s of route.sharedFailures ?? [])
    lines.push(`  Also failed: ${escapeControls(s.signature)} (framework code; reported on ${escapeUnprintable(s.reportedOn)})`);
  return lines;
}

/** Counts of routes by status. */
export function countRoutes(run: RunResult): { passed: number; failed: number; skipped: number } {
  const count = (status: RouteResult['status']) => run.routes.filter((r) => r.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** The summary box and the final totals line. */
export function formatSummary(run: RunResult, opts: SummaryOptions): string {
  const c = pc.createColors(opts.color);
  const { passed, failed, skipped } = countRoutes(run);
  const totals = [
    c.green(`${passed} passed`),
    failed > 0 ? c.red(`${failed} failed`) : `${failed} failed`,
    skipped > 0 ? c.yellow(`${skipped} skipped`) : `${skipped} skipped`,
  ].join(', ');
  const seconds = (run.durationMs / 1000).toFixed(1);
  return [c.bold(TITLE), RULE, ...run.routes.flatMap((route) => routeLines(route, c)), RULE, `${totals} (routes) in ${seconds}s — seed ${run.seed}`].join('\n');
}
