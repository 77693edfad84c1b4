/**
 * The terminal block for one failure, in the shape of pytest-routes' WebSocket
 * failure report (PRODUCT.md section 5): the facts, the minimal sequence, the
 * close, the server's traceback, then the command that replays it.
 */
import pc from 'picocolors';
import type { FailureResult, RouteResult } from '../run/results.js';
import { formatHttpFailureBlock } from './http-failure-block.js';
import { escapeUnprintable, printableValue } from './printable.js';
import { processFate, UNCAUGHT_LABEL } from './process-fate.js';
import { escapeControls } from './terminal-text.js';
import { timelineLines } from './timeline.js';

export interface BlockOptions {
  color: boolean;
}

const RULE = '='.repeat(60);
const INDENT = '  ';

function indent(text: string, by = INDENT): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

/** Where a failure with no message index happened: before any message, or at the close. */
function failedAt(failure: FailureResult): string {
  if (failure.messageIndex !== null) return String(failure.messageIndex);
  const beforeMessages =
    failure.errorType === 'handshake_rejected' || failure.errorType === 'handshake_error' || failure.connectionState.startsWith('never opened');
  return beforeMessages ? '(handshake)' : '(close)';
}

function sequenceLines(failure: FailureResult): string[] {
  const n = failure.sequence.length;
  const whose = failure.script?.length ? ` of the failing client` : '';
  const lines = [`Minimal sequence${whose} (${n} ${n === 1 ? 'message' : 'messages'}):`];
  if (n === 0) lines.push(`${INDENT}(none)`);
  failure.sequence.forEach((message, i) => {
    const marker = i === failure.messageIndex && n > 1 ? '  <- failed here' : '';
    lines.push(`${INDENT}[${i}] Sent (${message.type}):${marker}`);
    lines.push(`${INDENT}${INDENT}${printableValue(message)}`);
  });
  return lines;
}

/** The earlier connections a failure needs on a fresh server (it does not fail alone). */
function historyLines(failure: FailureResult): string[] {
  const history = failure.history ?? [];
  if (!history.length) return [];
  const lines = [
    `Fails only after ${history.length === 1 ? 'an earlier connection' : `${history.length} earlier connections`} sent (on a fresh server, in this order):`,
  ];
  history.forEach((h, k) => {
    lines.push(`${INDENT}connection ${k + 1}: ${escapeUnprintable(h.url)}`);
    h.sequence.forEach((message, i) => lines.push(`${INDENT}${INDENT}[${i}] (${message.type}) ${printableValue(message)}`));
    if (!h.sequence.length) lines.push(`${INDENT}${INDENT}(no messages: it connected and closed)`);
  });
  return lines;
}

/** A failure that did not happen every time, and where else the same framework failure happened. */
function findingLines(failure: FailureResult): string[] {
  const lines: string[] = [];
  if (failure.flaky) lines.push(`Flaky: failed ${failure.flaky.failed} of ${failure.flaky.tried} runs (fresh servers included): not a deterministic example`);
  if (failure.alsoOn?.length) lines.push(`Also on: ${escapeControls(failure.alsoOn.join(', '))} (the same failure in framework code: one finding)`);
  if (failure.signature) lines.push(`Signature: ${escapeControls(failure.signature)}`);
  return lines;
}

/** The `--ws-prelude` messages, sent before the sequence on every connection. */
function preludeLines(failure: FailureResult): string[] {
  const prelude = failure.prelude ?? [];
  if (!prelude.length) return [];
  const lines = [`Prelude (${prelude.length} ${prelude.length === 1 ? 'message' : 'messages'}, sent first on every connection, not shrunk):`];
  prelude.forEach((message, i) => {
    lines.push(`${INDENT}[p${i}] Sent (${message.type}):`, `${INDENT}${INDENT}${printableValue(message)}`);
  });
  return lines;
}

function closeCodeLine(failure: FailureResult): string {
  if (failure.closeCode === undefined) return 'Close Code: None';
  const reason = failure.closeReason ? ` (${escapeUnprintable(failure.closeReason)})` : '';
  return `Close Code: ${failure.closeCode}${reason}`;
}

function contextLines(failure: FailureResult): string[] {
  const { totalMessagesSent, lastResponse, elapsedTimeMs } = failure.context;
  const last = lastResponse === null ? 'None' : lastResponse === '' ? '""' : escapeUnprintable(lastResponse);
  const lines = [
    'Additional Context:',
    `${INDENT}url: ${escapeUnprintable(failure.url)}`,
    `${INDENT}total_messages_sent: ${totalMessagesSent}`,
    `${INDENT}last_response: ${last}`,
    `${INDENT}elapsed_time_ms: ${Math.round(elapsedTimeMs * 10) / 10}`,
  ];
  const stopped = failure.shrinkTimedOut ? ' (stopped at the time limit; the sequence may not be minimal)' : '';
  lines.push(`${INDENT}shrink_steps: ${failure.shrinks}${stopped}`);
  return lines;
}

/** The failure block of one failure of `route`, ending with its reproduce command. */
export function formatFailureBlock(route: RouteResult, failure: FailureResult, opts: BlockOptions): string {
  if (route.kind === 'http') return formatHttpFailureBlock(route, failure, opts);
  const c = pc.createColors(opts.color);
  const parts: string[][] = [
    [c.red(RULE), c.bold(c.red(`WEBSOCKET TEST FAILURE: ${escapeUnprintable(route.path)}`)), c.red(RULE)],
    [`${c.bold('Error Type:')} ${c.red(failure.errorType)}`, `${c.bold('Message:')} ${escapeUnprintable(failure.message)}`],
    [`${c.bold('Failed at message index:')} ${failedAt(failure)}`],
    ...(failure.prelude?.length ? [preludeLines(failure)] : []),
    ...(failure.history?.length ? [historyLines(failure)] : []),
    ...(failure.script?.length ? [timelineLines(failure.script, { failedLast: true })] : []),
    sequenceLines(failure),
    [c.bold('Expected:'), indent(escapeControls(failure.expected))],
    [c.bold('Actual:'), indent(escapeControls(failure.actual))],
    [`${c.bold('Connection State:')} ${escapeControls(failure.connectionState)}`, closeCodeLine(failure)],
  ];
  const finding = findingLines(failure);
  if (finding.length) parts.push(finding);
  const fate = processFate(failure);
  if (fate) parts.push([`${c.bold(`${UNCAUGHT_LABEL}:`)} ${failure.uncaught ? c.red(fate) : fate}`]);
  if (failure.serverTrace) parts.push([c.bold('Server traceback:'), c.dim(indent(escapeControls(failure.serverTrace.trimEnd())))]);
  parts.push(contextLines(failure));
  if (failure.hint) parts.push([`${c.yellow('Hint:')} ${escapeControls(failure.hint)}`]);
  parts.push([`${c.bold('Reproduce:')} ${c.cyan(failure.reproduce)}`, `Seed: ${failure.seed}`, c.red(RULE)]);
  return parts.map((lines) => lines.join('\n')).join('\n\n');
}
