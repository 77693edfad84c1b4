/**
 * The adaptive budget against real servers on loopback: one whose handler sleeps 50 ms
 * per message (latency flat under load: the limit grows), and one that answers from a
 * single worker, 12 ms per message (latency rises with load: the limit stays near where it
 * started); and both at once, as routes of one app, each lane finding its own limit. Plus
 * the fixed pool's grants: several slots at once, in order, no deadlock.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { AdaptivePool } from './adaptive-pool.js';
import { Pool } from './pool.js';

const MESSAGES = 4;

/** One example as exploration runs it: a connection, a few messages, every reply awaited. */
async function oneConnection(port: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  await once(ws, 'open');
  let replies = 0;
  const all = new Promise<void>((resolve) => ws.on('message', () => ++replies === MESSAGES && resolve()));
  for (let i = 0; i < MESSAGES; i++) ws.send(`m${i}`);
  await all;
  ws.close();
  await once(ws, 'close');
}

/** `total` examples through the pool in one lane, dispatched as exploration does: take a slot, then run. */
async function drive(pool: Pool, port: number, total: number, lane: object = {}): Promise<void> {
  const inflight = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const slot = await pool.acquire(lane);
    const p: Promise<void> = slot
      .run(() => oneConnection(port))
      .then(() => slot.release({ units: 1 + MESSAGES }))
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
}

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function sleepingServer(): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  wss.on('connection', (ws) => ws.on('message', (data) => setTimeout(() => ws.send(data), 50)));
  cleanup.push(() => new Promise<void>((r) => wss.close(() => r())));
  return (wss.address() as AddressInfo).port;
}

/**
 * A server with one worker: messages wait in one queue, and each takes 12 ms of the worker's
 * time before its answer goes out. That is what a CPU-bound server is to its clients (more
 * connections only queue, latency grows with them), made of timers rather than burnt CPU: a
 * busy test machine (CI runs test files side by side on 2 cores) slows both the same way
 * instead of blurring the latency the pool reads, which once let this lane double twice.
 */
async function singleWorkerServer(): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const queue: Array<() => void> = [];
  let busy = false;
  const work = (): void => {
    const next = queue.shift();
    if (!next) {
      busy = false;
      return;
    }
    busy = true;
    setTimeout(() => {
      next();
      work();
    }, 12);
  };
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      queue.push(() => ws.send(data));
      if (!busy) work();
    }),
  );
  cleanup.push(() => new Promise<void>((r) => wss.close(() => r())));
  return (wss.address() as AddressInfo).port;
}

describe('AdaptivePool', () => {
  test('a route that sleeps 50 ms per message: latency stays flat, so the limit grows', async () => {
    const port = await sleepingServer();
    const pool = new AdaptivePool();
    const lane = {};
    await drive(pool, port, 400, lane);
    expect(pool.peak).toBeGreaterThanOrEqual(32);
    // A busy machine may push it back a little from there, never to where it started.
    expect(pool.limitOf(lane)).toBeGreaterThanOrEqual(16);
  });

  test('a single-worker server: latency rises with load, so the limit does not grow past one try', async () => {
    const port = await singleWorkerServer();
    const pool = new AdaptivePool();
    const lane = {};
    await drive(pool, port, 200, lane);
    // It may try one doubling (8 -> 16), sees latency double, and backs off.
    expect(pool.peak).toBeLessThanOrEqual(16);
    expect(pool.limitOf(lane)).toBeLessThan(16);
  });

  test('a sleeping route and a single-worker one side by side: each lane finds its own limit', async () => {
    const [sleeping, cpu] = await Promise.all([sleepingServer(), singleWorkerServer()]);
    const pool = new AdaptivePool();
    const slow = {};
    const busy = {};
    await Promise.all([drive(pool, sleeping, 400, slow), drive(pool, cpu, 200, busy)]);
    // At least one doubling more than the busy lane gets (a loaded machine slows the sleeping lane too).
    expect(pool.limitOf(slow)).toBeGreaterThanOrEqual(16);
    expect(pool.limitOf(busy)).toBeLessThan(16);
  });

  test('never beyond its maximum, however flat, in a lane or in all', async () => {
    const port = await sleepingServer();
    const pool = new AdaptivePool({ initial: 2, min: 1, max: 5 });
    let open = 0;
    let most = 0;
    // Two lanes, each counting the examples open across both.
    const lane = async (): Promise<void> => {
      const id = {};
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < 60; i++) {
        const slot = await pool.acquire(id);
        open++;
        most = Math.max(most, open);
        inflight.push(
          slot
            .run(() => oneConnection(port))
            .then(() => {
              open--;
              slot.release({ units: 1 + MESSAGES });
            }),
        );
      }
      await Promise.all(inflight);
    };
    await Promise.all([lane(), lane()]);
    expect(pool.peak).toBe(5);
    expect(most).toBeLessThanOrEqual(5);
  });
});

describe('Pool', () => {
  test('several slots at once: a script waits until all its slots are free, and others queue behind it', async () => {
    const pool = new Pool(3);
    const open: number[] = [];
    let now = 0;
    const task = (slots: number) => async () => {
      now += slots;
      open.push(now);
      await new Promise((r) => setTimeout(r, 10));
      now -= slots;
    };
    await Promise.all([pool.run(task(1)), pool.run(task(3), 3), pool.run(task(2), 2), pool.run(task(1))]);
    expect(Math.max(...open)).toBeLessThanOrEqual(3);
  });

  test("a slot held by exploration is traded for a script's slots without deadlock, even when every slot is held", async () => {
    const pool = new Pool(2);
    let now = 0;
    let most = 0;
    const script = async (): Promise<void> => {
      now += 2;
      most = Math.max(most, now);
      await new Promise((r) => setTimeout(r, 5));
      now -= 2;
    };
    const example = async (): Promise<void> => {
      const slot = await pool.acquire({});
      try {
        // Inside the slot: the runner asks for two slots (a two-client script).
        await slot.run(() => pool.run(script, 2));
      } finally {
        slot.release();
      }
    };
    await Promise.all(Array.from({ length: 6 }, example));
    expect(most).toBeLessThanOrEqual(2);
  });

  test('a script asking for more slots than the limit still runs, alone', async () => {
    const pool = new Pool(2);
    let ran = false;
    await pool.run(async () => {
      ran = true;
    }, 3);
    expect(ran).toBe(true);
  });
});
