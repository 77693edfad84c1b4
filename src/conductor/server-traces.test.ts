/**
 * `client.serverTraces()`: the exceptions the server raised on that connection, as the
 * CLI sees them: an in-process Node app's throw (the connection stays open, so only the
 * trace tells), and a Python app's traceback reported by the bridge after the close.
 */
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { Conductor } from './conductor.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

test("a Node app that throws in its message handler: the trace is that connection's, and only its", async () => {
  const conductor = await Conductor.start({ app: join(ROOT, 'test/apps/node/ws-app.ts') });
  try {
    const clean = await conductor.simulateWs('/ws/sanitize');
    const buggy = await conductor.simulateWs('/ws/sanitize');
    await clean.sendText('hello');
    expect(await clean.receiveText()).toBe('hello');
    await buggy.sendText('a\u0000b');
    await expect.poll(() => buggy.serverTraces()).toEqual([expect.stringContaining('NUL byte in message')]);
    expect(buggy.closed).toBe(false); // ws keeps the socket open: the trace is the only sign
    expect(await clean.serverTraces()).toEqual([]);
    await buggy.close();
    await clean.close();
    expect(await buggy.serverTraces()).toEqual([expect.stringContaining('ws-app.ts')]);
    expect(await clean.serverTraces()).toEqual([]);
  } finally {
    await conductor.stop();
  }
});

test('a Python app: the traceback of the connection it closed with 1011', async () => {
  const conductor = await Conductor.start({ app: 'starlette_app:app', appDir: join(ROOT, 'test/apps/python'), python: join(ROOT, '.venv/bin/python') });
  try {
    const client = await conductor.simulateWs('/bug/json');
    await client.sendText('not json');
    await client.whenClosed;
    expect([1011, 1006]).toContain(client.closeCode); // uvicorn's 1011, or a drop when the bridge ends the connection first
    expect((await client.serverTraces()).join('\n')).toContain('JSONDecodeError');
    const ok = await conductor.simulateWs('/ws/echo');
    await ok.sendText('x');
    expect(await ok.receiveText()).toBe('x');
    await ok.close();
    expect(await ok.serverTraces()).toEqual([]);
  } finally {
    await conductor.stop();
  }
}, 30_000);
