/**
 * A multi-client script as a numbered timeline, one column per client, so who did
 * what in which order reads at a glance:
 *
 *   Minimal script (2 clients, 3 steps):
 *         client 0          client 1
 *     1   connect /ws/a
 *     2                     connect /ws/a
 *     3                     send (text) "hi"   <- failed here
 *
 * A cell too wide for its column is cut; the step's full message follows the table.
 */
import type { ScriptStepResult } from '../run/results.js';
import { escapeUnprintable, printableValue } from './printable.js';

/** Widest column, characters. */
const MAX_CELL = 40;
const GAP = '   ';

function cellOf(step: ScriptStepResult): string {
  if (step.action === 'connect') return `connect ${escapeUnprintable(step.url)}`;
  if (step.action === 'close') return step.code === undefined ? 'close' : `close ${step.code}`;
  return `send (${step.message?.type ?? 'text'}) ${step.message ? printableValue(step.message) : ''}`;
}

const cut = (s: string, n: number): string => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`);

/** The timeline's lines; the last step is marked as the failing one when `failedLast`. */
export function timelineLines(steps: readonly ScriptStepResult[], opts: { failedLast: boolean; indent?: string }): string[] {
  const indent = opts.indent ?? '  ';
  const clients = Math.max(0, ...steps.map((s) => s.client + 1));
  const cells = steps.map(cellOf);
  const width = Array.from({ length: clients }, (_c, client) =>
    Math.min(MAX_CELL, Math.max(`client ${client}`.length, ...steps.map((s, i) => (s.client === client ? [...cells[i]!].length : 0)))),
  );
  const num = String(steps.length).length;
  const row = (label: string, columns: string[]): string =>
    `${indent}${label.padStart(num)}${GAP}${columns.map((c, i) => c.padEnd(width[i]!)).join(GAP)}`.trimEnd();
  const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
  const lines = [`Minimal script (${n(clients, 'client')}, ${n(steps.length, 'step')}):`];
  lines.push(
    row(
      '',
      width.map((_w, c) => `client ${c}`),
    ),
  );
  const full: string[] = [];
  steps.forEach((step, i) => {
    const cell = cells[i]!;
    const shown = cut(cell, width[step.client]!);
    if (shown !== cell) full.push(`${indent}[${i + 1}] client ${step.client}: ${cell}`);
    const columns = width.map((_w, c) => (c === step.client ? shown : ''));
    const marker = opts.failedLast && i === steps.length - 1 ? `${GAP}<- failed here` : '';
    lines.push(row(String(i + 1), columns) + marker);
  });
  if (full.length) lines.push(`${indent}Full steps:`, ...full.map((l) => indent + l));
  return lines;
}
