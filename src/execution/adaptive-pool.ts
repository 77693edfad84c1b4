/**
 * The run's connection budget when --concurrency is not given: it grows while the
 * server answers at the same latency (a route that sleeps: more connections, same
 * time each) and backs off when latency rises with load (a CPU-bound server: more
 * connections only queue). The signal is each example's time per unit (connections
 * plus messages sent), compared within its lane (one route's examples) to the best
 * that lane showed under an earlier limit (the lowest median of one limit's examples:
 * a warm-up at the start does not count against later limits, and creeping up one slot
 * at a time is measured against the best, not the last step), so routes that are slow by
 * nature, or finish early, do not read as load. A decision reads only examples that
 * started under the current limit.
 *
 * Timing moves the limit, never the results: exploration reads outcomes in index order.
 */
import { type Lane, Pool } from './pool.js';

export interface AdaptiveSettings {
  /** The limit at the start. */
  initial: number;
  /** Never fewer slots than this. */
  min: number;
  /** Never more: also what bounds memory, whatever the number of routes. */
  max: number;
}

/** Start where a fixed pool used to be; grow to 64 connections at most. */
export const ADAPTIVE_DEFAULTS: AdaptiveSettings = { initial: 8, min: 2, max: 64 };

/** Latency at most this times a lane's reference: flat, grow. */
const FLAT = 1.3;
/** Latency above this times a lane's reference: load, back off. */
const LOADED = 1.6;
/** Examples a decision reads at least; and a limit's median counts toward a lane's best from this many. */
const GROUP = 4;

interface LaneStats {
  /** The lowest median of one earlier limit's examples. */
  best: number;
  /** This lane's examples under `epoch`, ms per unit. */
  samples: number[];
  epoch: number;
}

/** One change of the limit, for tests and --verbose. */
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
  private readonly lanes = new WeakMap<Lane, LaneStats>();
  private window: number[] = [];
  private saturated = false;
  private backedOff = false;
  private current = 0;
  /** Every change of the limit, in order. */
  readonly changes: LimitChange[] = [];
  /** The highest limit reached. */
  peak: number;

  constructor(readonly settings: AdaptiveSettings = ADAPTIVE_DEFAULTS) {
    super(settings.initial);
    this.peak = settings.initial;
  }

  protected override get epoch(): number {
    return this.current;
  }

  protected override onSaturated(): void {
    this.saturated = true;
  }

  protected override onSample(lane: Lane | undefined, msPerUnit: number, epoch: number): void {
    if (!lane) return;
    if (epoch !== this.current) return;
    let stats = this.lanes.get(lane);
    if (!stats) {
      stats = { best: Number.POSITIVE_INFINITY, samples: [], epoch };
      this.lanes.set(lane, stats);
    }
    if (stats.epoch !== epoch) {
      if (stats.samples.length >= GROUP - 1) stats.best = Math.min(stats.best, median(stats.samples));
      stats.samples = [];
      stats.epoch = epoch;
    }
    stats.samples.push(msPerUnit);
    // A lane's first limit has no earlier one to compare with: against itself, it reads flat.
    const reference = Number.isFinite(stats.best) ? stats.best : median(stats.samples);
    // Sub-millisecond examples say nothing about the server's load beyond timer noise.
    this.window.push(Math.max(msPerUnit, 0.05) / Math.max(reference, 0.05));
    if (this.window.length >= Math.max(GROUP, Math.ceil(this.limit / 2))) this.decide();
  }

  private decide(): void {
    const ratio = median(this.window);
    const from = this.limit;
    const { min, max } = this.settings;
    if (ratio > LOADED) {
      this.limit = Math.max(min, Math.floor(this.limit * 0.75));
      this.backedOff = true;
    } else if (ratio <= FLAT && this.saturated) {
      // Double while nothing pushed back; after a back-off, one slot at a time.
      this.limit = Math.min(max, this.backedOff ? this.limit + 1 : this.limit * 2);
    }
    this.window = [];
    this.saturated = this.active >= this.limit;
    this.current++;
    if (this.limit !== from) {
      this.changes.push({ from, to: this.limit, ratio });
      this.peak = Math.max(this.peak, this.limit);
      this.admit();
    }
  }
}
