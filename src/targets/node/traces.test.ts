import { createServer } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import type { ServerTrace, Target, TraceWatch } from '../target.js';
import { FIXTURES, openClient, type Client } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';
import { listenLocal, portOf } from './listen.js';
import { TraceCollector } from './traces.js';

const started: Target[] = [];
async function start(spec: string): Promise<Target> {
  const target = await startNodeTarget(spec, { cwd: FIXTURES, include: [] });
  started.push(target);
  return target;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.stop()));
});

/** Watches a client's connection; `first` resolves with its first trace. */
function watchTraces(target: Target, client: Client): { watch: TraceWatch; first: Promise<ServerTrace> } {
  let watch: TraceWatch | undefined;
  const first = new Promise<ServerTrace>((resolve) => {
    watch = target.traces.watch(client.port, resolve);
  });
  return { watch: watch as TraceWatch, first };
}

/** Two connections open at once on `path`; the bad one raises, the good one gets `reply`. */
async function onlyTheCulprit(target: Target, path: string, good: string, bad: string, reply: string): Promise<string> {
  return (await culpritTrace(target, path, good, bad, reply)).text;
}

async function culpritTrace(target: Target, path: string, good: string, bad: string, reply: string): Promise<ServerTrace> {
  const a = await openClient(target.baseUrl, path);
  const b = await openClient(target.baseUrl, path);
  const watchA = watchTraces(target, a);
  const watchB = watchTraces(target, b);
  b.ws.send(bad);
  const trace = await watchB.first;
  a.ws.send(good);
  expect(await a.next()).toBe(reply);
  expect(await watchA.watch.end()).toEqual([]);
  expect((await watchB.watch.end()).map((t) => t.text)).toEqual([trace.text]);
  await Promise.all([a.terminate(), b.terminate()]);
  expect(target.traces.drainOrphans()).toEqual([]);
  return trace;
}

// A trace that never comes fails the test at this guard rather than at the config's long timeout.
describe('traces of in-process apps', { timeout: 20_000 }, () => {
  test('a synchronous JSON.parse throw in a message listener goes to its connection only (fastify)', async () => {
    const target = await start('fastify-app.ts');
    const text = await onlyTheCulprit(target, '/ws/parse', '{"a":1}', 'not json', '{"a":1}');
    expect(text).toMatch(/SyntaxError/);
    expect(text).toMatch(/JSON/);
  });

  test('an async listener rejection goes to its connection only (fastify)', async () => {
    const target = await start('fastify-app.ts');
    const text = await onlyTheCulprit(target, '/ws/reject', 'fine', 'boom', 'ok');
    expect(text).toMatch(/async boom in listener/);
  });

  test('the same for an Express app', async () => {
    const target = await start('express-app.cts:createApp');
    expect(await onlyTheCulprit(target, '/ws/parse', '[1]', '{oops', '[1]')).toMatch(/SyntaxError/);
  });

  test("Hono's console.error path is a trace of that connection, not printed unless verbose", async () => {
    const printed: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      const target = await start('hono-app.ts');
      const text = await onlyTheCulprit(target, '/ws/parse', '"x"', 'nope', '"x"');
      expect(text).toMatch(/SyntaxError/);
      await target.stop();
      expect(printed).toEqual([]);
    } finally {
      console.error = consoleError;
    }
  });

  test('what escaped to the process is marked uncaught, what the app logged is marked logged', async () => {
    // A synchronous throw out of the socket's message listener, an unhandled rejection: each would end a real server.
    const fastify = await start('fastify-app.ts');
    expect(await culpritTrace(fastify, '/ws/parse', '{"a":1}', 'not json', '{"a":1}')).toMatchObject({ uncaught: true });
    const rejected = await culpritTrace(fastify, '/ws/reject', 'fine', 'boom', 'ok');
    expect([rejected.uncaught, rejected.logged]).toEqual([true, undefined]);
    // @hono/node-ws catches onMessage's exception and console.error()s it: the server lives on.
    const hono = await start('hono-app.ts');
    const logged = await culpritTrace(hono, '/ws/parse', '"x"', 'nope', '"x"');
    expect([logged.logged, logged.uncaught]).toEqual([true, undefined]);
  });

  test('an exception outside any connection is an orphan', async () => {
    const target = await start('express-app.cts:createApp');
    const res = await fetch(`${target.baseUrl.replace('ws:', 'http:')}/boom-later`);
    expect(await res.text()).toBe('scheduled');
    const orphans = target.traces.drainOrphans();
    expect(orphans.map((t) => t.text).join('\n')).toMatch(/thrown outside any connection/);
    expect(orphans.every((t) => t.uncaught)).toBe(true); // thrown in a timer: it escaped
    expect(target.traces.drainOrphans()).toEqual([]);
  });
});

describe('TraceCollector', { timeout: 20_000 }, () => {
  test('a trace raised during the upgrade, before the client watches, is still delivered to that watch', async () => {
    const collector = new TraceCollector();
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, () => {
        throw new Error('raised while upgrading');
      }),
    );
    await listenLocal(server);
    const undo = collector.instrument(server);
    try {
      const client = await openClient(`ws://127.0.0.1:${portOf(server)}`, '/');
      let onTrace: (t: ServerTrace) => void = () => {};
      const delivered = new Promise<ServerTrace>((resolve) => (onTrace = resolve));
      const watch = collector.watch(client.port, (t) => onTrace(t));
      expect((await delivered).text).toMatch(/raised while upgrading/);
      expect((await watch.end()).length).toBe(1);
      await client.terminate();
    } finally {
      undo();
      collector.dispose();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a throw after the connection's watch ended is late, tied to our client's port (not lost, not an orphan)", async () => {
    const collector = new TraceCollector();
    const server = createServer();
    const wss = new WebSocketServer({ server });
    let fire = false;
    const armed = new Promise<void>((resolve) => {
      wss.on('connection', (ws) =>
        ws.on('message', () => {
          // A timer of the connection's handler, that throws when the test says so.
          const timer = setInterval(() => {
            if (!fire) return;
            clearInterval(timer);
            throw new Error('raised after the judgement');
          }, 1);
          resolve();
        }),
      );
    });
    await listenLocal(server);
    const undo = collector.instrument(server);
    try {
      const client = await openClient(`ws://127.0.0.1:${portOf(server)}`, '/');
      const watch = collector.watch(client.port, () => {});
      client.ws.send('hello');
      await armed;
      expect(await watch.end()).toEqual([]);
      fire = true;
      // Until it lands (the describe's timeout fails a trace that never does).
      let late = collector.drainLate();
      while (late.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        late = collector.drainLate();
      }
      expect(late.map((l) => l.clientPort)).toEqual([client.port]);
      expect(late[0]?.trace.text).toMatch(/raised after the judgement/);
      expect(collector.drainOrphans()).toEqual([]);
      await client.terminate();
    } finally {
      undo();
      collector.dispose();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('process.emit, console.error and process.exit are restored once the last collector goes, not before', () => {
    const emit = process.emit;
    const consoleError = console.error;
    const exit = process.exit;
    const one = new TraceCollector();
    const two = new TraceCollector();
    expect(process.emit).not.toBe(emit);
    expect(process.exit).not.toBe(exit);
    one.dispose();
    one.dispose();
    expect(process.emit).not.toBe(emit);
    two.dispose();
    expect(process.emit).toBe(emit);
    expect(console.error).toBe(consoleError);
    expect(process.exit).toBe(exit);
  });

  test("an app's process.exit in a message handler is one trace of that connection, even when it escapes later", async () => {
    const collector = new TraceCollector();
    const server = createServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        if (data.toString() === 'now') process.exit(0);
        // The error escapes as an unhandled rejection too: still recorded once.
        void Promise.resolve().then(() => process.exit(2));
      });
    });
    await listenLocal(server);
    const undo = collector.instrument(server);
    try {
      for (const [message, code] of [
        ['now', '0'],
        ['later', '2'],
      ] as const) {
        const client = await openClient(`ws://127.0.0.1:${portOf(server)}`, '/');
        const watch = collector.watch(client.port, () => {});
        client.ws.send(message);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const traces = await watch.end();
        expect(traces.map((t) => t.text.split('\n')[0])).toEqual([expect.stringContaining(`the app called process.exit(${code})`)]);
        expect(traces[0]?.text).toMatch(/traces\.test\.ts:\d+:\d+/);
        expect(traces[0]?.uncaught).toBe(true); // it would have ended the process
        await client.terminate();
      }
      expect(collector.drainOrphans()).toEqual([]);
    } finally {
      undo();
      collector.dispose();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
