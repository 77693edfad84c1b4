import { describe, expect, test } from 'vitest';
import type { ServerTrace } from '../target.js';
import { BridgeTraces } from './bridge-traces.js';

const trace = (clientPort: number | null, text: string, received = 1) =>
  ({ event: 'trace', clientPort, traceback: text, exception: 'builtins.ValueError', received }) as const;
const connEnd = (clientPort: number) => ({ event: 'conn_end', clientPort, received: 0, lingering: false }) as const;

describe('BridgeTraces', () => {
  test('a trace of a port whose watch has ended is late (not an orphan), until a new watch takes the port', async () => {
    const traces = new BridgeTraces();
    const watch = traces.watch(5010, () => undefined);
    traces.onConnEnd(connEnd(5010));
    await watch.end();
    traces.onTrace(trace(5010, 'after the judgement'));
    expect(traces.drainLate()).toEqual([{ clientPort: 5010, trace: { text: 'after the judgement', receivedCount: 1 } }]);
    expect(traces.drainOrphans()).toEqual([]);
    const next = traces.watch(5010, () => undefined);
    traces.onTrace(trace(5010, 'the next connection'));
    traces.onConnEnd(connEnd(5010));
    expect((await next.end()).map((t) => t.text)).toEqual(['the next connection']);
    expect(traces.drainLate()).toEqual([]);
  });

  test('delivers traces of the watched port as they come, and returns them at end()', async () => {
    const traces = new BridgeTraces();
    const seen: ServerTrace[] = [];
    const watch = traces.watch(5001, (t) => seen.push(t));
    traces.onTrace(trace(5001, 'boom', 3));
    traces.onTrace(trace(5002, 'other'));
    expect(seen).toEqual([{ text: 'boom', receivedCount: 3 }]);
    traces.onConnEnd(connEnd(5001));
    expect(await watch.end()).toEqual([{ text: 'boom', receivedCount: 3 }]);
  });

  test('traces that came before watch() are delivered too', async () => {
    const traces = new BridgeTraces();
    traces.onTrace(trace(5003, 'early'));
    traces.onConnEnd(connEnd(5003));
    const seen: string[] = [];
    const watch = traces.watch(5003, (t) => seen.push(t.text));
    await Promise.resolve();
    expect(seen).toEqual(['early']);
    expect((await watch.end()).map((t) => t.text)).toEqual(['early']);
  });

  test('end() waits for conn_end, which brings the last traces', async () => {
    const traces = new BridgeTraces({ endWaitMs: 60_000 });
    const watch = traces.watch(5004, () => undefined);
    const ended = watch.end();
    traces.onTrace(trace(5004, 'late'));
    traces.onConnEnd(connEnd(5004));
    expect((await ended).map((t) => t.text)).toEqual(['late']);
    expect(await watch.end()).toEqual(await ended); // idempotent
  });

  test('end() stops waiting when the bridge is gone, or after endWaitMs (a frozen app)', async () => {
    const traces = new BridgeTraces({ endWaitMs: 60_000 });
    const ended = traces.watch(5005, () => undefined).end();
    traces.close();
    expect(await ended).toEqual([]);
    const frozen = new BridgeTraces({ endWaitMs: 10 });
    expect(await frozen.watch(5006, () => undefined).end()).toEqual([]);
  });

  test('traces of no connection, and unclaimed ones after a while, are orphans', async () => {
    const traces = new BridgeTraces({ unclaimedMs: 5 });
    traces.onTrace(trace(null, 'startup task'));
    traces.onTrace(trace(5007, 'nobody watched'));
    traces.onConnEnd(connEnd(5007));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(traces.drainOrphans().map((t) => t.text)).toEqual(['startup task', 'nobody watched']);
    expect(traces.drainOrphans()).toEqual([]);
    // The port is free again: a new connection on it starts clean.
    traces.onConnEnd(connEnd(5007));
    expect(await traces.watch(5007, () => undefined).end()).toEqual([]);
  });

  test('a logged trace stays logged; the same exception escaping afterwards makes it one trace, not logged', async () => {
    const traces = new BridgeTraces();
    const watch = traces.watch(5020, () => undefined);
    traces.onTrace({ ...trace(5020, 'logged by strawberry'), logged: true });
    traces.onTrace({ ...trace(5020, 'another, logged'), exception: 'builtins.KeyError', logged: true });
    expect(traces.drainOrphans()).toEqual([]);
    traces.onTrace(trace(5020, 'logged, then escaped: the longer traceback'));
    traces.onConnEnd(connEnd(5020));
    expect(await watch.end()).toEqual([
      { text: 'logged, then escaped: the longer traceback', receivedCount: 1 },
      { text: 'another, logged', receivedCount: 1, logged: true },
    ]);
  });
});
