/**
 * The terminal block for one failure of an HTTP route: the banner with method and
 * path, the error, the minimal request (method, URL, headers with secrets as
 * placeholders, body), what came back, the server's traceback, the curl line, the
 * seed and the command that replays it. The WebSocket block is `failure-block.ts`.
 */
import pc from 'picocolors';
import type { FailureResult, RouteResult } from '../run/results.js';
import { escapeUnprintable } from './printable.js';
import { processFate, UNCAUGHT_LABEL } from './process-fate.js';
import { escapeControls } from './terminal-text.js';

const RULE = '='.repeat(60);
const INDENT = '  ';
const MAX_BODY = 2000;

function indent(text: string, by = INDENT): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

const clip = (s: string): string => (s.length > MAX_BODY ? `${s.slice(0, MAX_BODY)}… (${s.length} chars)` : s);

function requestLines(failure: FailureResult, method: string): string[] {
  const r = failure.request;
  const lines = [`Minimal request:`, `${INDENT}${r?.method ?? method} ${escapeUnprintable(r?.url ?? failure.url)}`];
  for (const [k, v] of Object.entries(r?.headers ?? {})) lines.push(`${INDENT}${escapeUnprintable(k)}: ${escapeUnprintable(v)}`);
  lines.push(r?.body === undefined ? `${INDENT}(no body)` : `${INDENT}Body: ${escapeUnprintable(clip(r.body))}`);
  return lines;
}

export function formatHttpFailureBlock(route: RouteResult, failure: FailureResult, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const method = route.method ?? failure.request?.method ?? 'GET';
  const status = failure.request?.status;
  const parts: string[][] = [
    [c.red(RULE), c.bold(c.red(`HTTP TEST FAILURE: ${method} ${escapeUnprintable(route.path)}`)), c.red(RULE)],
    [`${c.bold('Error Type:')} ${c.red(failure.errorType)}`, `${c.bold('Message:')} ${escapeUnprintable(failure.message)}`],
    requestLines(failure, method),
    [c.bold('Expected:'), indent(escapeControls(failure.expected))],
    [c.bold('Actual:'), indent(escapeUnprintable(failure.actual))],
    [`${c.bold('Status:')} ${status ?? `none (${failure.connectionState})`}`],
  ];
  const fate = processFate(failure);
  if (fate) parts.push([`${c.bold(`${UNCAUGHT_LABEL}:`)} ${failure.uncaught ? c.red(fate) : fate}`]);
  if (failure.serverTrace) parts.push([c.bold('Server traceback:'), c.dim(indent(escapeControls(failure.serverTrace.trimEnd())))]);
  const stopped = failure.shrinkTimedOut ? ' (stopped at the time limit; the request may not be minimal)' : '';
  parts.push([
    'Additional Context:',
    `${INDENT}elapsed_time_ms: ${Math.round(failure.context.elapsedTimeMs * 10) / 10}`,
    `${INDENT}shrink_steps: ${failure.shrinks}${stopped}`,
  ]);
  if (failure.hint) parts.push([`${c.yellow('Hint:')} ${escapeControls(failure.hint)}`]);
  if (failure.curl) parts.push([`${c.bold('curl:')} ${c.cyan(failure.curl)}`]);
  parts.push([`${c.bold('Reproduce:')} ${c.cyan(failure.reproduce)}`, `Seed: ${failure.seed}`, c.red(RULE)]);
  return parts.map((lines) => lines.join('\n')).join('\n\n');
}
