/**
 * What every connection of a run sent, in the order the examples ended, across all
 * routes: the history a failure may depend on (an earlier connection set the state a
 * later one crashes on). Bounded by the bytes it holds, dropping the oldest, so a long
 * run of large messages never fills memory; a failure whose cause was dropped is then
 * reported as flaky rather than with a wrong history.
 */
import type { Route } from '../discovery/route.js';
import type { Message } from '../generation/message.js';

/** One example of any route kind (a sequence, a script, an HTTP request), as it ran. */
export interface LoggedExample<E = unknown> {
  id: number;
  /** When it started and ended (performance.now()). */
  startedAt: number;
  endedAt: number;
  route: Route;
  example: E;
  /** Per connection of the example (one, or a script's clients): where it went and what it sent. */
  connections: Array<{ url: string; sent: Message[]; clientPort?: number }>;
}

/** 16 MiB of message data. */
const MAX_BYTES = 16 * 1024 * 1024;

export class RunLog {
  private readonly entries: LoggedExample[] = [];
  private readonly ids = new WeakMap<object, number>();
  private readonly starts = new Map<number, number>();
  private nextId = 0;
  private bytes = 0;
  private dropped = false;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** Called as an example starts: its place in the run's order. */
  start(example: object): number {
    const id = this.nextId++;
    this.ids.set(example, id);
    this.starts.set(id, performance.now());
    return id;
  }

  /** Called as it ends, with what its connections sent (none: it never reached the server, and is not kept). */
  record(id: number, route: Route, example: object, connections: LoggedExample['connections']): void {
    const startedAt = this.starts.get(id) ?? performance.now();
    this.starts.delete(id);
    if (!connections.length) return;
    this.bytes += size(connections);
    this.entries.push({ id, startedAt, endedAt: performance.now(), route, example, connections });
    while (this.bytes > this.maxBytes && this.entries.length > 1) {
      this.bytes -= size(this.entries.shift()!.connections);
      this.dropped = true;
    }
  }

  /** The latest logged connection that used our port `clientPort`, with its example. */
  byClientPort(clientPort: number): { entry: LoggedExample; connection: LoggedExample['connections'][number] } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i] as LoggedExample;
      const connection = entry.connections.find((c) => c.clientPort === clientPort);
      if (connection) return { entry, connection };
    }
    return undefined;
  }

  /** The id an example got when it started. */
  idOf(example: object): number | undefined {
    return this.ids.get(example);
  }

  /**
   * The examples that may have acted on the server before the one with `id` failed: those
   * that started before it ended, in the order they ended (closer to the order of their
   * effects than the order they started, with connections running side by side; one still
   * open when the failure happened may have written the state it failed on). `complete` is
   * false when older ones were dropped.
   */
  earlierThan(id: number): { entries: LoggedExample[]; complete: boolean } {
    const failed = this.entries.find((e) => e.id === id);
    const entries = failed ? this.entries.filter((e) => e !== failed && e.startedAt < failed.endedAt) : [...this.entries];
    return { entries, complete: !this.dropped };
  }
}

function size(connections: LoggedExample['connections']): number {
  let n = 0;
  for (const c of connections) for (const m of c.sent) n += (m.type === 'json' ? JSON.stringify(m.data).length : m.data.length) + 16;
  return n;
}
