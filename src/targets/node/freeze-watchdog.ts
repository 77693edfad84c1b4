/**
 * A Node app runs in wsroutes' own process, so an app that blocks the event loop
 * (a synchronous endless loop in a handler) would freeze wsroutes with it. A
 * worker thread watches a heartbeat the main thread bumps; when it stops for
 * longer than the limit, the worker says so, writes the run's last words (the
 * reports as they would read now, the frozen routes failed as timeouts: the main
 * thread keeps them current with `lastWords`), ends the app's child process groups and
 * every process carrying the app's environment marker (read from /proc),
 * and kills the process (exit status 137), which also frees the app's port: nothing
 * else can run on a frozen main thread.
 */
import { Worker } from 'node:worker_threads';
import { MARK_VAR } from '../process-tree.js';

/** What the worker writes if the main thread freezes: report files, and the text for stdout. */
export interface LastWords {
  files: Array<{ path: string; text: string }>;
  stdout: string;
}

export interface FreezeWatch {
  stop(): void;
  /** Replaces the last words, and the process groups of the app's children to kill first. */
  lastWords(words: LastWords, childGroups: readonly number[]): void;
}

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { readdirSync, readFileSync, writeSync, writeFileSync } = require('node:fs');
// The app's processes by their environment marker: known from the start, unlike the groups,
// which the main thread sends once a second (a child spawned just before the freeze).
function marked(needle) {
  let names = [];
  try { names = readdirSync('/proc'); } catch { return []; }
  return names.filter((n) => {
    if (!/^\\d+$/.test(n) || Number(n) === process.pid) return false;
    try { return readFileSync('/proc/' + n + '/environ', 'latin1').split('\\0').includes(needle); } catch { return false; }
  }).map(Number);
}
const beat = new Int32Array(workerData.buffer);
let words = { files: [], stdout: '' };
let groups = [];
parentPort.on('message', (m) => { words = m.words; groups = m.groups; });
let last = Atomics.load(beat, 0);
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) { last = now; since = Date.now(); return; }
  if (Date.now() - since > workerData.limitMs) {
    writeSync(2, workerData.message + '\\n');
    for (const f of words.files) {
      try { writeFileSync(f.path, f.text); } catch (e) { writeSync(2, 'wsroutes: could not write ' + f.path + ': ' + e.message + '\\n'); }
    }
    if (words.stdout) writeSync(1, words.stdout);
    for (const g of groups) { try { process.kill(-g, 'SIGKILL'); } catch {} }
    for (const pid of marked(workerData.needle)) { try { process.kill(pid, 'SIGKILL'); } catch {} }
    process.kill(process.pid, 'SIGKILL');
  }
}, 100);
`;

/** Starts watching. */
/** `mark`: the environment marker of the app's processes (child-reaper.ts), ended with the groups. */
export function watchForFreeze(limitMs: number, spec: string, mark: string): FreezeWatch {
  const buffer = new SharedArrayBuffer(4);
  const beat = new Int32Array(buffer);
  const seconds = Math.round(limitMs / 100) / 10;
  const message =
    `wsroutes: the app ${spec} blocked the event loop for over ${seconds} s (a synchronous loop or blocking call in a handler?); ` +
    'it runs in-process, so wsroutes wrote its reports and stopped (killed) itself and the app (exit status 137)';
  const worker = new Worker(WORKER, { eval: true, workerData: { buffer, limitMs, message, needle: `${MARK_VAR}=${mark}` } });
  worker.unref();
  const timer = setInterval(() => Atomics.add(beat, 0, 1), 50);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      void worker.terminate();
    },
    lastWords: (words, childGroups) => worker.postMessage({ words, groups: [...childGroups] }),
  };
}
