/**
 * Quart and Django Channels under the real bridge: a consumer's crash is traced to the exact
 * connection that caused it, with the app's own frame, while a healthy connection open beside
 * it gets none; a client that simply leaves is no error. Quart runs handlers in a task of its
 * own and reports through its `got_websocket_exception` signal; a Channels WebsocketConsumer
 * runs in a worker thread and its exception propagates.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PythonTarget } from './bridge-process.js';
import { startPythonTarget } from './bridge-process.js';
import { APPS, connect, venvPython } from './python-tests.test-data.js';

interface Case {
  name: string;
  spec: string;
  appDir?: string;
  headers?: Record<string, string>;
  healthy: string;
  crashing: string;
  /** The app's own line in the traceback. */
  frame: string;
}

const CASES: Case[] = [
  { name: 'quart', spec: 'quart_app:app', healthy: '/ws', crashing: '/ws/rooms/3', frame: 'in room' },
  {
    name: 'channels',
    spec: 'mysite.asgi:application',
    appDir: 'channels_project',
    headers: { Origin: 'http://127.0.0.1' },
    healthy: '/ws/api/notes/123e4567-e89b-12d3-a456-426614174000/',
    crashing: '/ws/chat/7/',
    frame: 'in receive',
  },
];

describe.each(CASES)('$name ($spec)', (c) => {
  let target: PythonTarget;

  beforeAll(async () => {
    target = await startPythonTarget(c.spec, { cwd: APPS, appDir: c.appDir, python: venvPython() });
  }, 30_000);

  afterAll(async () => {
    await target?.stop();
  });

  test('a crash is traced to its own connection, not to a healthy one open beside it', async () => {
    const healthy = await connect(target.baseUrl, c.healthy, c.headers);
    const crashing = await connect(target.baseUrl, c.crashing, c.headers);
    const seen: string[] = [];
    const healthyWatch = target.traces.watch(healthy.port, (t) => seen.push(`healthy: ${t.text}`));
    const crashWatch = target.traces.watch(crashing.port, (t) => seen.push(`crashing: ${t.text}`));
    crashing.ws.send('not json');
    const answered = healthy.next();
    healthy.ws.send('hello');
    expect(await answered).toContain('hello');
    await crashing.closed;
    const traces = await crashWatch.end();
    expect(traces).toHaveLength(1);
    expect(traces[0]?.text).toContain('json.decoder.JSONDecodeError: Expecting value');
    expect(traces[0]?.text).toContain(c.frame);
    expect(traces[0]?.receivedCount).toBe(1);
    healthy.ws.close(1000);
    await healthy.closed;
    expect(await healthyWatch.end()).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^crashing: /);
  });

  test('a client that leaves after a good message is no error of the app', async () => {
    const client = await connect(target.baseUrl, c.crashing, c.headers);
    const watch = target.traces.watch(client.port, () => undefined);
    client.ws.send(JSON.stringify({ message: 'hi' }));
    client.ws.close(1000);
    expect((await client.closed).code).toBe(1000);
    expect(await watch.end()).toEqual([]);
  });
});
