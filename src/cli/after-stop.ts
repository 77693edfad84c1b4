/**
 * An in-process app's timers and promises outlive its stop: once the last trace collector
 * is gone (targets/node/traces.ts), what they raise is a plain uncaught exception, and
 * would crash wsroutes while it prints the summary and writes the reports (exit 1, no
 * report). Listening to them from the moment a Node target starts keeps the process
 * alive; during the run the collector catches everything first, so only what lands
 * after the stop reaches these listeners. They are noted, never a route's verdict.
 */
import { traceText } from '../targets/node/traces.js';

export interface AfterStop {
  /** The first line of each exception heard so far. */
  readonly heard: string[];
  /** Stops listening. Idempotent. */
  dispose(): void;
}

export function listenAfterStop(): AfterStop {
  const heard: string[] = [];
  const note = (err: unknown): void => {
    heard.push(traceText(err).split('\n', 1)[0] ?? '');
  };
  process.on('uncaughtException', note);
  process.on('unhandledRejection', note);
  return {
    heard,
    dispose: () => {
      process.off('uncaughtException', note);
      process.off('unhandledRejection', note);
    },
  };
}

/** The line saying so, or nothing when none was heard. */
export function afterStopLine(heard: readonly string[]): string {
  if (!heard.length) return '';
  const n = heard.length;
  return `wsroutes: the app raised ${n} error${n === 1 ? '' : 's'} after it was stopped (${heard[0]}); not a route's failure\n`;
}
