/**
 * An in-process app may take Ctrl-C over by removing every SIGINT and SIGTERM listener
 * (`process.removeAllListeners('SIGINT')`, as apps with their own graceful shutdown do):
 * wsroutes' own listener would go with them, and the signal's default action would kill
 * wsroutes at once, leaving every process the app started. A listener kept here survives:
 * `removeListener`/`off` of it is ignored, and `removeAllListeners` removes the others and
 * puts it back. Only its own undo removes it.
 */
type Listener = (...args: unknown[]) => void;
type Remove = (this: NodeJS.Process, event: string | symbol, listener: Listener) => NodeJS.Process;
type RemoveAll = (this: NodeJS.Process, event?: string | symbol) => NodeJS.Process;

interface Patchable {
  removeListener: Remove;
  off: Remove;
  removeAllListeners: RemoveAll;
}

const kept = new Map<string | symbol, Set<Listener>>();
let originals: Patchable | undefined;
const proc = process as unknown as Patchable;

function removeListener(this: NodeJS.Process, event: string | symbol, listener: Listener): NodeJS.Process {
  if (kept.get(event)?.has(listener)) return this;
  return (originals as Patchable).removeListener.call(this, event, listener);
}

function removeAllListeners(this: NodeJS.Process, event?: string | symbol): NodeJS.Process {
  const { removeAllListeners: removeAll } = originals as Patchable;
  if (event === undefined) {
    // Event by event, leaving Node's own newListener/removeListener (they start and stop signal handling).
    for (const name of this.eventNames()) if (name !== 'newListener' && name !== 'removeListener') removeAllListeners.call(this, name);
    return this;
  }
  const emitter = this as unknown as NodeJS.EventEmitter;
  const keep = [...(kept.get(event) ?? [])].filter((l) => emitter.listeners(event).includes(l));
  removeAll.call(this, event);
  for (const listener of keep) emitter.on(event, listener);
  return this;
}

function install(): void {
  if (originals) return;
  originals = { removeListener: proc.removeListener, off: proc.off, removeAllListeners: proc.removeAllListeners };
  proc.removeListener = removeListener;
  proc.off = removeListener;
  proc.removeAllListeners = removeAllListeners;
}

function uninstall(): void {
  if (!originals || kept.size > 0) return;
  // Someone patched over us: leave ours in place; with nothing kept it passes every call through.
  if (proc.removeListener === removeListener) proc.removeListener = originals.removeListener;
  if (proc.off === removeListener) proc.off = originals.off;
  if (proc.removeAllListeners === removeAllListeners) proc.removeAllListeners = originals.removeAllListeners;
  originals = undefined;
}

/** Listens to `event` on `process` with `listener`, kept whatever the app removes; returns the undo. */
export function keepProcessListener(event: NodeJS.Signals, onSignal: (signal: NodeJS.Signals) => void): () => void {
  const listener = onSignal as Listener;
  install();
  let set = kept.get(event);
  if (!set) kept.set(event, (set = new Set()));
  set.add(listener);
  process.on(event, listener);
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    set.delete(listener);
    if (set.size === 0) kept.delete(event);
    (originals ?? proc).removeListener.call(process, event, listener);
    uninstall();
  };
}
