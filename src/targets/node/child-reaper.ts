/**
 * No process an in-process Node app starts outlives its run. Every child process Node
 * starts (spawn, exec, execFile, fork) goes through `ChildProcess.prototype.spawn`, which
 * is wrapped while a reaper lives. A spawn made from the app's own code (`owns()`: one of
 * its connections or its start-up, traces.ts' async contexts) is started as the leader of
 * a new process group (Node's `detached`), so the group holds its descendants too: a
 * shell's child, a background job whose shell has exited. wsroutes' own children (the
 * Python bridge of another target in the same process) are never the app's and are left
 * alone. `reap()` (at stop, so also on Ctrl-C and SIGTERM, when the CLI stops the
 * target) sends SIGTERM to each group and to any descendant that left it, then SIGKILL
 * after a short grace; on process exit, whatever is left gets SIGKILL at once (only
 * synchronous work is possible there). Each spawn also carries the app's environment
 * marker, which finds a process that left group and tree (`setsid cmd &` from a shell
 * that exited). Descendants and marks are read from /proc (Linux); elsewhere the process
 * groups alone are signalled.
 */
import { ChildProcess } from 'node:child_process';
import { MARK_VAR, markedProcesses, membersOf, newMark, processTable } from '../process-tree.js';

type Spawn = (this: ChildProcess, options: { detached?: boolean; envPairs?: string[] }) => unknown;

const reapers = new Set<ChildReaper>();
let originalSpawn: Spawn | undefined;
const proto = ChildProcess.prototype as unknown as { spawn: Spawn };

function wrappedSpawn(this: ChildProcess, options: { detached?: boolean; envPairs?: string[] }): unknown {
  const spawn = originalSpawn as Spawn;
  const owner = [...reapers].find((r) => r.owns());
  if (!owner || typeof options !== 'object' || options === null) return spawn.call(this, options);
  options.detached = true;
  // The app's marker (Node passes the environment as envPairs here): found even in a session of its own.
  const pairs = Array.isArray(options.envPairs) ? options.envPairs.filter((p) => !p.startsWith(`${MARK_VAR}=`)) : [];
  options.envPairs = [...pairs, `${MARK_VAR}=${owner.mark}`];
  const result = spawn.call(this, options);
  if (this.pid !== undefined) owner.track(this.pid);
  return result;
}

function install(): void {
  if (originalSpawn) return;
  originalSpawn = proto.spawn;
  proto.spawn = wrappedSpawn;
  process.on('exit', killAllNow);
}

function uninstall(): void {
  if (!originalSpawn || reapers.size > 0) return;
  if (proto.spawn === wrappedSpawn) proto.spawn = originalSpawn;
  originalSpawn = undefined;
  process.off('exit', killAllNow);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Left {
  pids: number[];
  groups: number[];
  done: boolean;
}

/** The processes still to end (groups, marked, descendants): from /proc, else the groups that still answer. */
function remaining(groups: ReadonlySet<number>, marks: readonly string[]): Left {
  const table = processTable();
  if (table) {
    const pids = membersOf(
      groups,
      table,
      marks.flatMap((mark) => markedProcesses(mark, table)),
    );
    return { pids, groups: [...groups], done: pids.length === 0 };
  }
  const alive = [...groups].filter(groupAlive);
  return { pids: [], groups: alive, done: alive.length === 0 };
}

function signalAll(left: Left, sig: NodeJS.Signals): void {
  for (const pgid of left.groups) signal(-pgid, sig);
  for (const pid of left.pids) signal(pid, sig);
}

function killAllNow(): void {
  const groups = new Set([...reapers].flatMap((r) => [...r.groups]));
  if (groups.size > 0)
    signalAll(
      remaining(
        groups,
        [...reapers].map((r) => r.mark),
      ),
      'SIGKILL',
    );
}

/** The child processes of one in-process app, ended when it stops. */
export class ChildReaper {
  /** Process groups of the app's children (each child leads its own). */
  readonly groups = new Set<number>();
  /** The environment marker of the app's processes (process-tree.ts): how one in a session of its own is found. */
  readonly mark = newMark();

  /** `owns()`: whether the code running now is the app's. */
  constructor(readonly owns: () => boolean) {
    reapers.add(this);
    install();
  }

  track(pid: number): void {
    this.groups.add(pid);
  }

  /**
   * Ends every process the app started and their descendants: SIGTERM, then SIGKILL
   * after `graceMs`. Stops tracking; never throws.
   */
  async reap(graceMs = 1_000): Promise<void> {
    reapers.delete(this);
    uninstall();
    const groups = new Set(this.groups);
    this.groups.clear();
    if (groups.size === 0) return;
    let left = remaining(groups, [this.mark]);
    if (left.done) return;
    signalAll(left, 'SIGTERM');
    for (const until = Date.now() + graceMs; Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      left = remaining(groups, [this.mark]);
      if (left.done) return;
    }
    signalAll(left, 'SIGKILL');
  }
}
