/**
 * A Node app runs in wsroutes' own process, so an app that blocks the event loop
 * (a synchronous endless loop in a handler) would freeze wsroutes with it. A
 * worker thread watches a heartbeat the main thread bumps; when it stops for
 * longer than the limit, the worker prints one line and kills the process, which
 * also frees the app's port (nothing else can run on a frozen main thread).
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beat = new Int32Array(workerData.buffer);
let last = Atomics.load(beat, 0);
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) { last = now; since = Date.now(); return; }
  if (Date.now() - since > workerData.limitMs) {
    writeSync(2, workerData.message + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 100);
`;

/** Starts watching; returns the function that stops it. */
export function watchForFreeze(limitMs: number, spec: string): () => void {
  const buffer = new SharedArrayBuffer(4);
  const beat = new Int32Array(buffer);
  const seconds = Math.round(limitMs / 100) / 10;
  const message =
    `wsroutes: the app ${spec} blocked the event loop for over ${seconds} s (a synchronous loop or blocking call in a handler?); ` +
    'it runs in-process, so wsroutes stopped (killed) itself and the app';
  const worker = new Worker(WORKER, { eval: true, workerData: { buffer, limitMs, message } });
  worker.unref();
  const timer = setInterval(() => Atomics.add(beat, 0, 1), 50);
  timer.unref();
  return () => {
    clearInterval(timer);
    void worker.terminate();
  };
}
