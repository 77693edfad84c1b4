/**
 * Finds the processes a CLI run started, by a marker in their environment: the CLI passes
 * its environment on to the Python bridge and the bridge to the app's own children, so a
 * unique variable given to the CLI tags every process of that run and of no other
 * (Linux /proc; tests that use it run where /proc exists).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export const MARK_VAR = 'WSROUTES_E2E_MARK';

/** A fresh marker: pass `{ [MARK_VAR]: mark }` in the CLI's env. */
export function newMark(): string {
  return randomUUID();
}

/** Pids of live processes whose environment holds `MARK_VAR=mark` (zombies excluded). */
export function processesMarked(mark: string): number[] {
  const needle = `${MARK_VAR}=${mark}`;
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      if (!environ.includes(needle)) continue;
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (state !== 'Z') found.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** The command line of a process, for messages. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '(gone)';
  }
}

/** The command lines of the marked processes, once those on their way out are gone (at most `ms`). */
export async function leftBehind(mark: string, ms = 1_000): Promise<string[]> {
  for (const until = Date.now() + ms; processesMarked(mark).length > 0 && Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return processesMarked(mark).map(commandLine);
}

/** Kills what a run left behind, so a failing test does not leave it to the next one. */
export function killMarked(mark: string): void {
  for (const pid of processesMarked(mark)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
