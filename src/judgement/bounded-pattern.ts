/**
 * JSON Schema `pattern`s of a response, checked under a time budget. A response schema is
 * the server's text: `^(a+)+$` against 40 `a`s and a `!` takes a backtracking engine about
 * 2^40 steps, and ajv runs it on the main thread, where no timer or signal handler runs
 * until it returns. So ajv gets this RegExp-like (its `code.regExp` option): each test runs
 * in one worker thread, the caller waiting at most PATTERN_BUDGET_MS (Atomics.wait: the
 * check stays synchronous, as ajv needs). A pattern past its budget is not checked (it
 * counts as matching) for the rest of the run, and the stuck worker is ended (V8 interrupts
 * a running regex) and replaced on the next test.
 */
import { Worker } from 'node:worker_threads';

export const PATTERN_BUDGET_MS = 100;
/** A new worker's start-up, waited for once per worker (a loaded machine is slow to spawn threads). */
const START_BUDGET_MS = 10_000;

// The worker: compiles each pattern once, writes 1 (match) or 2 (no match) and wakes the caller.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const state = new Int32Array(workerData);
const compiled = new Map();
parentPort.on('message', ({ source, flags, text }) => {
  const key = flags + '/' + source;
  let re = compiled.get(key);
  if (!re) compiled.set(key, (re = new RegExp(source, flags)));
  Atomics.store(state, 0, re.test(text) ? 1 : 2);
  Atomics.notify(state, 0);
});
Atomics.store(state, 1, 1);
Atomics.notify(state, 1);
`;

interface Runner {
  worker: Worker;
  /** [0]: the result of the test in flight (0 while running), [1]: 1 once the worker listens. */
  state: Int32Array;
}

let runner: Runner | undefined;
const overBudget = new Set<string>();

function startRunner(): Runner {
  const shared = new SharedArrayBuffer(8);
  const worker = new Worker(WORKER, { eval: true, workerData: shared });
  worker.unref();
  worker.on('error', () => {
    if (runner?.worker === worker) runner = undefined;
  });
  return { worker, state: new Int32Array(shared) };
}

/** Whether `text` matches; undefined when the test did not finish within the budget. */
function testInWorker(source: string, flags: string, text: string): boolean | undefined {
  runner ??= startRunner();
  const { worker, state } = runner;
  if (Atomics.load(state, 1) === 0) Atomics.wait(state, 1, 0, START_BUDGET_MS);
  Atomics.store(state, 0, 0);
  worker.postMessage({ source, flags, text });
  if (Atomics.wait(state, 0, 0, PATTERN_BUDGET_MS) === 'timed-out' && Atomics.load(state, 0) === 0) {
    runner = undefined;
    void worker.terminate();
    return undefined;
  }
  return Atomics.load(state, 0) === 1;
}

/** ajv's `code.regExp`: a RegExp-like whose `test` is bounded in time. */
export function boundedRegExp(source: string, flags?: string): { test(text: string): boolean } {
  const f = flags ?? '';
  new RegExp(source, f); // a syntax error is the schema's, at compile time as with a plain RegExp
  const key = `${f}/${source}`;
  return {
    test(text: string): boolean {
      if (overBudget.has(key)) return true;
      const result = testInWorker(source, f, text);
      if (result === undefined) overBudget.add(key);
      return result ?? true;
    },
  };
}
