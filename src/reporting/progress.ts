/**
 * The live progress line. On a terminal, a bar of routes done out of all, with the
 * sequences and failures so far, redrawn in place about ten times a second (readline's
 * clearLine/cursorTo, no dependency needed). In a log, or with NO_COLOR or CI set (a CI
 * console often claims to be a terminal but keeps every redraw), a plain line at most
 * every five seconds, and none at all for a shorter run.
 */
import readline from 'node:readline';
import type { Progress } from '../run/results.js';
import { escapeUnprintable } from './printable.js';
import { thousands } from './summary.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TTY_INTERVAL_MS = 100;
const LOG_INTERVAL_MS = 5000;
const BAR_CELLS = 20;

export interface ProgressLine {
  start(): void;
  stop(): void;
}

/** The counters as one line: `3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat`. */
export function formatProgress(state: Progress): string {
  const parts = [`${state.routesDone}/${state.routesTotal} routes`, `${thousands(state.sequences)} sequences`, `${thousands(state.messages)} messages`];
  if (state.failing > 0) parts.push(`${state.failing} failing`);
  const [first, ...rest] = state.current;
  if (first !== undefined) parts.push(escapeUnprintable(rest.length > 0 ? `${first} +${rest.length}` : first));
  return parts.join(' · ');
}

/** Routes done out of all as a fixed-width bar: `[██████░░░░░░░░░░░░░░]`. */
export function formatBar(done: number, total: number, cells = BAR_CELLS): string {
  const filled = total > 0 ? Math.min(cells, Math.floor((done / total) * cells)) : 0;
  return `[${'█'.repeat(filled)}${'░'.repeat(cells - filled)}]`;
}

/** The bar is drawn on a terminal, unless NO_COLOR or CI asks for plain output. */
export function wantsBar(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const set = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  return stream.isTTY === true && !set(env.NO_COLOR) && !set(env.CI);
}

/** Fits a line in the terminal's width, so a redraw never wraps. */
function fit(line: string, columns: number | undefined): string {
  if (!columns || columns < 2) return line;
  const chars = [...line];
  return chars.length < columns ? line : `${chars.slice(0, columns - 2).join('')}…`;
}

export function createProgress(stream: NodeJS.WriteStream, getState: () => Progress, env: NodeJS.ProcessEnv = process.env): ProgressLine {
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  let drawn = false;
  const bar = wantsBar(stream, env);

  const draw = (): void => {
    const state = getState();
    const line = formatProgress(state);
    if (bar) {
      readline.clearLine(stream, 0);
      readline.cursorTo(stream, 0);
      const progress = formatBar(state.routesDone, state.routesTotal);
      stream.write(fit(`wsroutes ${FRAMES[frame++ % FRAMES.length]} ${progress} ${line}`, stream.columns));
      drawn = true;
    } else {
      stream.write(`wsroutes: ${line}\n`);
    }
  };

  return {
    start() {
      if (timer) return;
      if (bar) draw();
      timer = setInterval(draw, bar ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (drawn) {
        readline.clearLine(stream, 0);
        readline.cursorTo(stream, 0);
        drawn = false;
      }
    },
  };
}
