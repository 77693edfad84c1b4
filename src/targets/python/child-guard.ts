/**
 * No Python process outlives wsroutes. Each bridge runs in its own process group (spawned
 * detached), so a signal to `-pid` reaches the app's own children too. While any bridge
 * runs, one set of process hooks is installed: on `exit` every group gets SIGKILL (only
 * synchronous work is possible there). On SIGINT/SIGTERM with no other listener, likewise,
 * and the signal is raised again so wsroutes still ends as it would have; when another
 * listener (the CLI's) handles the signal, it stops the targets itself and `exit` remains
 * the last resort. The bridge also exits by itself when its stdin (our pipe) closes: that
 * covers SIGKILL of wsroutes. Children that left the group (a new session) are found by
 * the bridge's environment marker and by descent (`process-tree.ts`).
 */

import { signalEach, targetProcesses } from '../process-tree.js';

/** Live bridges: pid -> the marker their processes carry. */
const live = new Map<number, string>();
let hooked = false;

/** Sends `signal` to the whole process group led by `pid`; false when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function killAll(): void {
  for (const [pid, mark] of live) {
    signalGroup(pid, 'SIGKILL');
    signalEach(targetProcesses(pid, mark), 'SIGKILL');
  }
  live.clear();
}

function onExit(): void {
  killAll();
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  killAll();
  unhook();
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

export function guard(pid: number, mark: string): void {
  live.set(pid, mark);
  hook();
}

export function release(pid: number): void {
  live.delete(pid);
  if (live.size === 0) unhook();
}
