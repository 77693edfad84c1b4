/**
 * Bounds the connections open at once across the whole run. FIFO, so routes
 * waiting for a slot take turns and progress side by side; a task may take several
 * slots at once (a multi-client script, one per client), granted all together.
 *
 * Exploration takes a slot before it draws an example (`acquire`), so a route waiting
 * for the budget holds no generated values, and runs the example inside the slot
 * (`Slot.run`): the runner's own `pool.run` then sees the slot it is in and takes no
 * second one (or trades it for the several a script needs). The limit is fixed here;
 * `AdaptivePool` moves it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The slot the current async context holds, and how long it waited for more inside. */
interface Held {
  pool: Pool;
  waitedMs: number;
}
const held = new AsyncLocalStorage<Held>();

/** What one finished example tells the pool: the connections and messages it ran. */
export interface SlotReport {
  /** Connections plus messages sent: the time per unit is the latency signal. */
  units: number;
  /** What kind of example it was (a script's awaited steps cost more per unit than a pipelined sequence): compared within its kind. */
  kind?: string;
}

/** One slot taken with `acquire`; `release` exactly once. */
export interface Slot {
  /** Runs `task` inside the slot: `pool.run` calls under it take no second slot. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Gives the slot back; `report` says what it ran (adaptive pools learn from it). */
  release(report?: SlotReport): void;
}

/** A route's share of the pool: samples are compared within a lane (one route's examples). */
export type Lane = object;

interface Waiter {
  slots: number;
  grant: () => void;
}

export class Pool {
  protected active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(protected limit: number) {}

  /** Slots open at once now, in all. */
  get size(): number {
    return this.limit;
  }

  /** How many at once for a caller that runs its own fixed number of workers (HTTP exploration). */
  get workers(): number {
    return this.limit;
  }

  /** Runs `task` holding `slots` slots (granted at once; fewer than asked when the limit is lower). */
  async run<T>(task: () => Promise<T>, slots = 1): Promise<T> {
    const inside = held.getStore();
    if (inside?.pool === this) {
      if (slots <= 1) return task();
      // Trade the slot held for `slots` at once, at the head of the queue: holding one
      // while waiting for more would deadlock when every holder does the same.
      const t0 = performance.now();
      this.free(1);
      await this.take(slots, true);
      inside.waitedMs += performance.now() - t0;
      try {
        return await task();
      } finally {
        this.free(slots - 1);
      }
    }
    const slot = await this.acquire(undefined, slots);
    try {
      return await slot.run(task);
    } finally {
      slot.release();
    }
  }

  /** Waits for `slots` free slots, FIFO. */
  async acquire(lane?: Lane, slots = 1): Promise<Slot> {
    await this.take(slots, false);
    return this.slot(lane, slots);
  }

  private fits(slots: number): boolean {
    return this.active + Math.min(slots, this.limit) <= this.limit;
  }

  private take(slots: number, first: boolean): Promise<void> {
    if (this.fits(slots) && (first || !this.waiting.length)) {
      this.active += slots;
      return Promise.resolve();
    }
    return new Promise<void>((grant) => {
      const w = { slots, grant };
      if (first) this.waiting.unshift(w);
      else this.waiting.push(w);
    });
  }

  /** Gives slots back and lets in whoever now fits, in order. */
  protected free(slots: number): void {
    this.active -= slots;
    this.admit();
  }

  /** Grants waiters from the head while they fit (also after the limit rose). */
  protected admit(): void {
    while (this.waiting.length && this.fits(this.waiting[0]!.slots)) {
      const w = this.waiting.shift()!;
      this.active += w.slots;
      w.grant();
    }
  }

  /** One example's time per unit, `epoch` telling under which limit it started. */
  protected onSample(_lane: Lane | undefined, _msPerUnit: number, _epoch: number, _kind: string): void {}

  /** Which limit a lane's example starts under (an adaptive pool counts its changes). */
  protected epochOf(_lane: Lane | undefined): number {
    return 0;
  }

  private slot(lane: Lane | undefined, slots: number): Slot {
    let released = false;
    // From the grant to the release: drawing the example and reading its outcome are part of
    // what it costs (with an in-process app, the same thread as the server's work).
    const granted = performance.now();
    const epoch = this.epochOf(lane);
    let ran: { waitedMs: number } | undefined;
    return {
      run: async <T>(task: () => Promise<T>): Promise<T> => {
        const state: Held = { pool: this, waitedMs: 0 };
        ran = state;
        return held.run(state, task);
      },
      release: (report?: SlotReport) => {
        if (released) return;
        released = true;
        // Time spent queueing for a script's further slots is the budget's, not the server's.
        const ms = performance.now() - granted - (ran?.waitedMs ?? 0);
        if (ran && report && report.units > 0) this.onSample(lane, ms / report.units, epoch, report.kind ?? '');
        this.free(slots);
      },
    };
  }
}
