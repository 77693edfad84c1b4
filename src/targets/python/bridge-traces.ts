/**
 * The TraceSource of a Python target: `trace` and `conn_end` events from the bridge,
 * grouped by the client port they name. Events may arrive before our client has called
 * `watch` (the app can raise during the handshake, and stdout races the socket), so they
 * are kept until a watch claims them; unclaimed ones become orphans after a while, so a
 * later connection that happens to reuse the port does not inherit them. A trace of a port
 * whose watch has ended (a background task or a callback of the handler, after the
 * connection was judged) is late: it belongs to that connection (`drainLate`), until a
 * new watch takes the port.
 */
import type { LateTrace, ServerTrace, TraceSource, TraceWatch } from '../target.js';
import { capTrace } from '../trace-cap.js';
import type { ConnEndEvent, ReadEvent, TraceEvent } from './bridge-events.js';

export interface BridgeTracesOptions {
  /** How long `end()` waits for `conn_end` (a frozen app never sends it). Default 2000. */
  endWaitMs?: number;
  /** How long unclaimed events of a port are kept. Default 10000. */
  unclaimedMs?: number;
  /** `settle()` stops waiting once the app has shown no reading activity this long. Default 250. */
  quietMs?: number;
}

interface PortRecord {
  traces: ServerTrace[];
  /** The bridge said the app is done with this connection. */
  ended: boolean;
  watched: boolean;
  onTrace?: (trace: ServerTrace) => void;
  waiters: Array<() => void>;
  expiry?: NodeJS.Timeout;
  /** Messages the app has taken, and whether it then waited on an empty queue. */
  read: { received: number; idle: boolean };
  /** Called on every read event of this port (settle's wake-up). */
  onRead?: () => void;
}

export class BridgeTraces implements TraceSource {
  private readonly byPort = new Map<number, PortRecord>();
  private orphans: ServerTrace[] = [];
  /** Ports whose watch has ended, and nothing of a newer connection on them seen since. */
  private readonly endedPorts = new Set<number>();
  private late: LateTrace[] = [];
  /** The exception each logged trace names, to know it again if it escapes after all. */
  private readonly exceptionOf = new WeakMap<ServerTrace, string>();
  private closed = false;
  private readonly endWaitMs: number;
  private readonly unclaimedMs: number;
  private readonly quietMs: number;

  constructor(opts: BridgeTracesOptions = {}) {
    this.endWaitMs = opts.endWaitMs ?? 2000;
    this.unclaimedMs = opts.unclaimedMs ?? 10_000;
    this.quietMs = opts.quietMs ?? 250;
  }

  onRead(e: ReadEvent): void {
    if (e.clientPort === null) return;
    const rec = this.record(e.clientPort);
    rec.read = { received: Math.max(rec.read.received, e.received), idle: e.idle };
    rec.onRead?.();
  }

  onTrace(e: TraceEvent): void {
    // The bridge cuts a trace already; cut again, so an older or odd bridge cannot flood the run.
    const trace: ServerTrace = { text: capTrace(e.traceback), receivedCount: e.received, ...(e.logged ? { logged: true } : {}) };
    if (e.clientPort === null) {
      this.orphans.push(trace);
      return;
    }
    if (this.endedPorts.has(e.clientPort) && !this.byPort.has(e.clientPort)) {
      this.late.push({ clientPort: e.clientPort, trace });
      return;
    }
    const rec = this.record(e.clientPort);
    const wasLogged = e.logged ? undefined : rec.traces.find((t) => t.logged && this.exceptionOf.get(t) === e.exception);
    if (wasLogged) {
      // The exception the app logged then escaped (the bridge reports it again): one trace, not logged, as it escaped.
      wasLogged.text = trace.text;
      delete wasLogged.logged;
      return;
    }
    this.exceptionOf.set(trace, e.exception);
    rec.traces.push(trace);
    rec.onTrace?.(trace);
  }

  onConnEnd(e: ConnEndEvent): void {
    // Null, or the end of a connection already judged (its watch gave up waiting).
    if (e.clientPort === null || (this.endedPorts.has(e.clientPort) && !this.byPort.has(e.clientPort))) return;
    const rec = this.record(e.clientPort);
    rec.ended = true;
    for (const wake of rec.waiters.splice(0)) wake();
    rec.onRead?.();
  }

  /** An event for no port at all (the server exited, say). */
  addOrphan(text: string): void {
    this.orphans.push({ text: capTrace(text) });
  }

  /** The bridge is gone: nothing more will come, so no `end()` waits any longer. */
  close(): void {
    this.closed = true;
    for (const rec of this.byPort.values()) {
      clearTimeout(rec.expiry);
      for (const wake of rec.waiters.splice(0)) wake();
    }
  }

  drainLate(): LateTrace[] {
    const out = this.late;
    this.late = [];
    return out;
  }

  drainOrphans(): ServerTrace[] {
    const out = this.orphans;
    this.orphans = [];
    return out;
  }

  watch(clientPort: number, onTrace: (trace: ServerTrace) => void): TraceWatch {
    this.endedPorts.delete(clientPort);
    const rec = this.record(clientPort);
    clearTimeout(rec.expiry);
    rec.watched = true;
    rec.onTrace = onTrace;
    const early = [...rec.traces];
    // The callback given, not rec.onTrace: end() right after watch() clears that first.
    if (early.length > 0) queueMicrotask(() => early.forEach((t) => onTrace(t)));
    let ending: Promise<ServerTrace[]> | undefined;
    const end = async (): Promise<ServerTrace[]> => {
      if (!rec.ended && !this.closed) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          rec.waiters.push(resolve);
          timer = setTimeout(resolve, this.endWaitMs);
        });
        clearTimeout(timer);
      }
      rec.onTrace = undefined;
      if (this.byPort.get(clientPort) === rec) {
        this.byPort.delete(clientPort);
        this.endedPorts.add(clientPort);
      }
      return [...rec.traces];
    };
    /**
     * Waits until the app has read all `sent` messages and waits for more (a pong only
     * proves uvicorn read the frame; a handler that awaits between messages would
     * otherwise meet our close before it reads the rest), or the connection ended, or
     * the app shows no reading for `quietMs` (a handler that never receives), or `maxMs`.
     */
    const settle = (sent: number, maxMs: number): Promise<void> =>
      new Promise<void>((resolve) => {
        let quiet: NodeJS.Timeout | undefined;
        const done = (): void => {
          clearTimeout(quiet);
          clearTimeout(cap);
          rec.onRead = undefined;
          resolve();
        };
        const check = (): void => {
          if (rec.ended || this.closed || (rec.read.idle && rec.read.received >= sent)) return done();
          clearTimeout(quiet);
          quiet = setTimeout(done, this.quietMs);
        };
        const cap = setTimeout(done, maxMs);
        rec.onRead = check;
        check();
      });
    return { end: () => (ending ??= end()), settle, appRead: () => rec.read.received };
  }

  private record(port: number): PortRecord {
    let rec = this.byPort.get(port);
    if (!rec) {
      rec = { traces: [], ended: false, watched: false, waiters: [], read: { received: 0, idle: false } };
      this.byPort.set(port, rec);
      const unclaimed = rec;
      unclaimed.expiry = setTimeout(() => this.expire(port, unclaimed), this.unclaimedMs);
      unclaimed.expiry.unref();
    }
    return rec;
  }

  private expire(port: number, rec: PortRecord): void {
    if (rec.watched || this.byPort.get(port) !== rec) return;
    this.byPort.delete(port);
    this.orphans.push(...rec.traces);
  }
}
