/**
 * Is a shrunk failure true on its own? It was shrunk on the server the whole run had
 * been talking to, so it may fail only because of what earlier connections did there.
 * It is replayed on a fresh server (a new instance of the app, `Target.fresh`): alone
 * first; if it does not fail alone, after the latest 1, 2, 4, ... connections that ran
 * before it (its own route's first), and once it fails, that list is cut down by delta
 * debugging (Zeller's ddmin) to the few connections it needs: its `history`. One that fails neither alone nor after its
 * history is flaky, with how often it failed. Every replay is a fresh start of the app,
 * so the search is bounded (REPLAY_BUDGET starts per failure).
 */
import type { Example } from '../generation/script.js';
import { isScript } from '../generation/script.js';
import type { LoggedExample } from '../execution/run-log.js';
import type { Route } from '../discovery/route.js';
import type { RunOutcome } from '../judgement/script.js';
import type { Verdict } from '../judgement/failure.js';
import { sameFailureKey } from '../judgement/signature.js';
import type { Target } from '../targets/target.js';

/** Fresh-server replays per failure, at most. */
export const REPLAY_BUDGET = 10;

/** Earlier connections tried as a history, at most (the latest ones). */
const MAX_CANDIDATES = 200;

export type ReplayRunner = (target: Target, route: Route, example: Example, stepwise: boolean) => Promise<RunOutcome>;

export interface FreshVerdict {
  /** Replays on a fresh server made (each one start of the app). */
  replays: number;
  /** It failed alone on a fresh server. */
  alone?: boolean;
  /** The earlier examples without which it does not fail. */
  history?: LoggedExample[];
  /** Neither alone nor after its history: how often it was run (the original run included) and failed. */
  flaky?: { tried: number; failed: number };
  /** No fresh server could be started (the reason, for --verbose). */
  unverified?: string;
}

export interface FreshReplayInput {
  route: Route;
  example: Example;
  verdict: Verdict;
  /** Examples that may have acted on the server before the failing one, in the order they ended. */
  earlier: LoggedExample[];
  startFresh: () => Promise<Target>;
  run: ReplayRunner;
  /** Replays that already failed or passed on the live server (the shrink's replay), counted in `flaky`. */
  liveTries?: { tried: number; failed: number };
  budget?: number;
  /** Stop searching after this time (ms since epoch). */
  deadline?: number;
}

export async function verifyOnFreshServer(input: FreshReplayInput): Promise<FreshVerdict> {
  const key = sameFailureKey(input.verdict);
  const budget = input.budget ?? REPLAY_BUDGET;
  let replays = 0;
  let failed = 0;
  const live = input.liveTries ?? { tried: 1, failed: 1 };
  // A list already tried is not tried again (ddmin's halves are often suffixes tried before).
  const tried = new Map<string, boolean>();
  // Runs `before` then the failing example on a new instance; true when it fails the same way.
  const failsAfter = async (before: LoggedExample[]): Promise<boolean> => {
    const memo = before.map((e) => `${e.id}:${isScript(e.example) ? 's' : e.example.messages.length}`).join(',');
    const known = tried.get(memo);
    if (known !== undefined) return known;
    const same = await replay(before);
    tried.set(memo, same);
    return same;
  };
  const replay = async (before: LoggedExample[]): Promise<boolean> => {
    replays++;
    const target = await input.startFresh();
    try {
      for (const e of before) await input.run(target, e.route, e.example, false);
      const outcome = await input.run(target, input.route, input.example, true);
      const v = outcome.judgement.verdict;
      const same = v !== undefined && sameFailureKey(v) === key;
      if (same) failed++;
      return same;
    } finally {
      await target.stop();
    }
  };
  const flaky = (): FreshVerdict => ({ replays, flaky: { tried: live.tried + replays, failed: live.failed + failed } });
  try {
    if (await failsAfter([])) return { replays, alone: true };
    const candidates = input.earlier.slice(-MAX_CANDIDATES);
    // A hang is not searched for a cause: each replay would wait out the message timeout.
    if (!candidates.length || input.verdict.errorType === 'timeout') return flaky();
    const left = (): boolean => replays < budget && (input.deadline === undefined || Date.now() < input.deadline);
    // Most state is kept per route: its own earlier connections are the likely cause, tried first.
    const own = candidates.filter((e) => e.route.path === input.route.path);
    const pools = own.length && own.length < candidates.length ? [own, candidates] : [candidates];
    for (const pool of pools) {
      // The latest connections first, doubling: state is mostly what the last writer left, and
      // replaying everything would end with another writer's state (another failure, or none).
      for (let k = 1; left(); k *= 2) {
        const suffix = pool.slice(-k);
        if (await failsAfter(suffix)) {
          const history = await ddmin(suffix, failsAfter, left);
          return { replays, history: await plainer(history, failsAfter, left) };
        }
        if (k >= pool.length) break;
      }
    }
    return flaky();
  } catch (err) {
    return { replays, unverified: (err as Error).message };
  }
}

/**
 * The history's connections with fewer messages where the failure allows: each one-client
 * entry first with none (it only had to connect and leave: a member that stayed in a room),
 * then with only its last one (what it left behind), budget permitting.
 */
async function plainer(history: LoggedExample[], fails: (before: LoggedExample[]) => Promise<boolean>, left: () => boolean): Promise<LoggedExample[]> {
  const current = [...history];
  for (let i = 0; i < current.length; i++) {
    const entry = current[i]!;
    if (isScript(entry.example) || entry.example.messages.length === 0) continue;
    const seq = entry.example;
    const tries = seq.messages.length > 1 ? [[], seq.messages.slice(-1)] : [[]];
    for (const messages of tries) {
      if (!left()) return current;
      const candidate: LoggedExample = {
        ...entry,
        example: { ...seq, messages },
        connections: entry.connections.map((c) => ({ ...c, sent: messages })),
      };
      const trial = current.map((e, j) => (j === i ? candidate : e));
      if (await fails(trial)) {
        current[i] = candidate;
        break;
      }
    }
  }
  return current;
}

/**
 * Zeller's ddmin, stopped when `left()` says the budget is spent: the smallest subset
 * found so far that still fails (the order of the items is kept).
 */
export async function ddmin<T>(items: T[], fails: (subset: T[]) => Promise<boolean>, left: () => boolean): Promise<T[]> {
  let current = items;
  let n = 2;
  while (current.length >= 2 && left()) {
    const chunks = split(current, n);
    let reduced = false;
    for (const chunk of chunks) {
      if (!left()) return current;
      if (await fails(chunk)) {
        current = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && n > 2) {
      for (let i = 0; i < chunks.length; i++) {
        if (!left()) return current;
        const complement = chunks.filter((_c, j) => j !== i).flat();
        if (await fails(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}

function split<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(items.length / n);
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
