/**
 * The live progress line. On a terminal, one line redrawn about ten times a second
 * (readline's clearLine/cursorTo, no dependency needed); in a log, a plain line at
 * most every five seconds, and none at all for a shorter run.
 */
import readline from 'node:readline';
import type { Progress } from '../results.js';
import { thousands } from './summary.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TTY_INTERVAL_MS = 100;
const LOG_INTERVAL_MS = 5000;

export interface ProgressLine {
  start(): void;
  stop(): void;
}

/** The counters as one line: `3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat`. */
export function formatProgress(state: Progress): string {
  const parts = [
    `${state.routesDone}/${state.routesTotal} routes`,
    `${thousands(state.sequences)} sequences`,
    `${thousands(state.messages)} messages`,
  ];
  if (state.failing > 0) parts.push(`${state.failing} failing`);
  const [first, ...rest] = state.current;
  if (first !== undefined) parts.push(rest.length > 0 ? `${first} +${rest.length}` : first);
  return parts.join(' · ');
}

/** Fits a line in the terminal's width, so a redraw never wraps. */
function fit(line: string, columns: number | undefined): string {
  if (!columns || columns < 2) return line;
  const chars = [...line];
  return chars.length < columns ? line : chars.slice(0, columns - 2).join('') + '…';
}

export function createProgress(stream: NodeJS.WriteStream, getState: () => Progress): ProgressLine {
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  let drawn = false;

  const draw = (): void => {
    const line = formatProgress(getState());
    if (stream.isTTY) {
      readline.clearLine(stream, 0);
      readline.cursorTo(stream, 0);
      stream.write(fit(`wsroutes ${FRAMES[frame++ % FRAMES.length]} ${line}`, stream.columns));
      drawn = true;
    } else {
      stream.write(`wsroutes: ${line}\n`);
    }
  };

  return {
    start() {
      if (timer) return;
      if (stream.isTTY) draw();
      timer = setInterval(draw, stream.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS);
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
