/**
 * The run's connection budget when --concurrency is not given. Each lane (one route's
 * examples) has a limit of its own that grows while the server answers it at the same
 * latency (a route that sleeps: more connections, same time each) and backs off when its
 * latency rises with load (a CPU-bound server: more connections only queue); one global
 * limit over all lanes bounds the connections open at once, and with them memory,
 * whatever the number of routes. Per lane, because routes of one app disagree: on a
 * FastAPI app whose echo routes load the CPU while a route sleeps 50 ms per reply, one
 * shared limit either starved the sleeping route or overloaded the rest, and its mixed
 * signal could collapse to 2 connections for the whole run.
 *
 * The signal is each example's time per unit (connections plus messages sent), compared
 * within its lane and its kind (a script's awaited steps cost several times a pipelined
 * sequence's per unit) to the best that kind showed under an earlier limit of the lane
 * (the lowest median of one limit's examples: a warm-up at the start does not count
 * against later limits, and creeping up one slot at a time is measured against the best,
 * not the last step). A decision reads only examples that started under the lane's
 * current limit.
 *
 * Timing moves the limits, never the results: exploration reads outcomes in index order.
 */
import { type Lane, Pool, type Slot } from './pool.js';

export interface AdaptiveSettings {
  /** A lane's limit at the start. */
  initial: number;
  /** A lane never has fewer slots than this. */
  min: number;
  /** Never more connections than this in all (and no lane more): what bounds memory, whatever the number of routes. */
  max: number;
}

/** Start where a fixed pool used to be; grow to 64 connections at most. */
export const ADAPTIVE_DEFAULTS: AdaptiveSettings = { initial: 8, min: 2, max: 64 };

/** Latency at most this times a lane's reference: flat, grow. */
const FLAT = 1.3;
/** Latency above this times a lane's reference: load, back off. */
const LOADED = 1.6;
/** Examples a decision reads at least; and a limit's median counts toward a kind's best from this many. */
const GROUP = 4;

interface KindStats {
  /** The lowest median of one earlier limit's examples of this kind. */
  best: number;
  /** This kind's examples under the lane's current limit, ms per unit. */
  samples: number[];
}

interface LaneState {
  limit: number;
  active: number;
  /** Counts the lane's limit changes: samples from before the current one are not read. */
  epoch: number;
  kinds: Map<string, KindStats>;
  /** Latency ratios (to each kind's reference) under the current limit. */
  window: number[];
  /** Someone waited at the lane's limit under the current one: more slots would be used. */
  saturated: boolean;
  backedOff: boolean;
  waiting: Array<() => void>;
}

/** One change of a lane's limit, for tests and --verbose. */
export interface LimitChange {
  from: number;
  to: number;
  /** The median of the window's latency ratios that decided it. */
  ratio: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export class AdaptivePool extends Pool {
  private readonly lanes = new Map<Lane, LaneState>();
  /** Every change of a lane's limit, in order. */
  readonly changes: LimitChange[] = [];
  /** The highest limit a lane reached. */
  peak: number;

  constructor(readonly settings: AdaptiveSettings = ADAPTIVE_DEFAULTS) {
    super(settings.max);
    this.peak = settings.initial;
  }

  /** A lane's starting limit: what a caller with a fixed number of workers takes. */
  override get workers(): number {
    return this.settings.initial;
  }

  /** A lane's limit now (the initial one before it ran anything). */
  limitOf(lane: Lane): number {
    return this.lanes.get(lane)?.limit ?? this.settings.initial;
  }

  /** Every lane's limit now. */
  limits(): number[] {
    return [...this.lanes.values()].map((l) => l.limit);
  }

  /** Waits at the lane's own limit, then for the global slots. */
  override async acquire(lane?: Lane, slots = 1): Promise<Slot> {
    if (!lane) return super.acquire(lane, slots);
    const state = this.lane(lane);
    if (state.active >= state.limit) {
      state.saturated = true;
      await new Promise<void>((grant) => state.waiting.push(grant));
    } else state.active++;
    const slot = await super.acquire(lane, slots);
    let left = false;
    return {
      run: slot.run,
      release: (report) => {
        slot.release(report);
        if (left) return;
        left = true;
        state.active--;
        this.admitLane(state);
      },
    };
  }

  /** Lets the lane's waiters in while its limit allows (also after it rose). */
  private admitLane(state: LaneState): void {
    while (state.waiting.length && state.active < state.limit) {
      state.active++;
      state.waiting.shift()!();
    }
  }

  private lane(lane: Lane): LaneState {
    let state = this.lanes.get(lane);
    if (!state) {
      const limit = Math.min(this.settings.initial, this.settings.max);
      state = { limit, active: 0, epoch: 0, kinds: new Map(), window: [], saturated: false, backedOff: false, waiting: [] };
      this.lanes.set(lane, state);
    }
    return state;
  }

  protected override epochOf(lane: Lane | undefined): number {
    return lane ? this.lane(lane).epoch : 0;
  }

  protected override onSample(lane: Lane | undefined, msPerUnit: number, epoch: number, kind: string): void {
    if (!lane) return;
    const state = this.lane(lane);
    if (epoch !== state.epoch) return;
    let stats = state.kinds.get(kind);
    if (!stats) {
      stats = { best: Number.POSITIVE_INFINITY, samples: [] };
      state.kinds.set(kind, stats);
    }
    stats.samples.push(msPerUnit);
    // Under the lane's first limit a kind is compared with itself (it reads flat); later, a kind
    // with no reference yet says nothing about load (scripts are rarer than sequences).
    if (!Number.isFinite(stats.best) && state.epoch > 0) return;
    const reference = Number.isFinite(stats.best) ? stats.best : median(stats.samples);
    // Sub-millisecond examples say nothing about the server's load beyond timer noise.
    state.window.push(Math.max(msPerUnit, 0.05) / Math.max(reference, 0.05));
    if (state.window.length >= Math.max(GROUP, Math.ceil(state.limit / 2))) this.decide(state);
  }

  private decide(state: LaneState): void {
    const ratio = median(state.window);
    const from = state.limit;
    const { min, max } = this.settings;
    if (ratio > LOADED) {
      state.limit = Math.max(min, Math.floor(state.limit * 0.75));
      state.backedOff = true;
    } else if (ratio <= FLAT && state.saturated) {
      // Double while nothing pushed back; after a back-off, one slot at a time.
      state.limit = Math.min(max, state.backedOff ? state.limit + 1 : state.limit * 2);
    }
    // The medians of this limit become the kinds' best; the next limit starts afresh.
    for (const stats of state.kinds.values()) {
      if (stats.samples.length >= GROUP - 1) stats.best = Math.min(stats.best, median(stats.samples));
      stats.samples = [];
    }
    state.window = [];
    state.saturated = state.active >= state.limit;
    state.epoch++;
    if (state.limit !== from) {
      this.changes.push({ from, to: state.limit, ratio });
      this.peak = Math.max(this.peak, state.limit);
      this.admitLane(state);
    }
  }
}
