/**
 * The processes a target started, found in /proc (Linux): by process group, by descent
 * (wherever a descendant moved), and by an environment marker. The marker is what finds a
 * child that left both: `start_new_session=True`, fork + setsid, `setsid cmd &` whose shell
 * has exited (its parent is then init, its group and session its own). Every process a
 * target starts inherits the marker unless it clears its environment. Elsewhere (no /proc)
 * the lists are empty and callers fall back on process groups.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable a target's processes carry, with a value of their own per target. */
export const MARK_VAR = 'WSROUTES_TARGET_MARK';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  zombie: boolean;
}

/** A fresh marker value; pass `{ [MARK_VAR]: mark }` in the environment of the target's process. */
export function newMark(): string {
  return randomUUID();
}

/** Every process in /proc (pid, parent, group); undefined where /proc cannot be read. */
export function processTable(): ProcInfo[] | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const table: ProcInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(name), ppid: Number(ppid), pgrp: Number(pgrp), zombie: state === 'Z' || state === 'X' });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** Live pids (zombies excluded) whose environment holds `MARK_VAR=mark`. */
export function markedProcesses(mark: string, table: ProcInfo[] | undefined = processTable()): number[] {
  if (!table) return [];
  const needle = `${MARK_VAR}=${mark}`;
  const found: number[] = [];
  for (const p of table) {
    if (p.zombie || p.pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${p.pid}/environ`, 'latin1').split('\0').includes(needle)) found.push(p.pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** The live processes of `groups`, the `pids`, and every descendant of theirs (wherever it moved). */
export function membersOf(groups: ReadonlySet<number>, table: ProcInfo[], pids: Iterable<number> = []): number[] {
  const found = new Set<number>(pids);
  for (const p of table) if (groups.has(p.pgrp) || groups.has(p.pid)) found.add(p.pid);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  const live = new Set(table.filter((p) => !p.zombie).map((p) => p.pid));
  return [...found].filter((pid) => live.has(pid) && pid !== process.pid);
}

/** Every live process of the target: its group, its marked processes, and their descendants. */
export function targetProcesses(group: number, mark: string): number[] {
  const table = processTable();
  if (!table) return [];
  return membersOf(new Set([group]), table, markedProcesses(mark, table));
}

/** Sends `sig` to each pid, ignoring those already gone. */
export function signalEach(pids: Iterable<number>, sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone already
    }
  }
}
