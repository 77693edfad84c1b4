import { afterAll, beforeAll, expect, test } from 'vitest';
import { Conductor } from 'wsroutes';

let conductor: Conductor;
beforeAll(async () => {
  conductor = await Conductor.start({ app: 'falcon_conductor_app:app', appDir: 'test/apps/python' });
  // or { app: 'src/app.ts' }, { app: fastifyApp }, { url: 'http://127.0.0.1:8000' }
});
afterAll(() => conductor.stop()); // closes every open client, then stops the app

test('echo', async () => {
  const ws = await conductor.simulateWs('/echo', { headers: { 'X-Auth-Token': 't' }, query: { room: 1 } });
  try {
    await ws.sendText('hi');
    expect(await ws.receiveText({ timeout: 1000 })).toBe('Server echoes: hi');
  } finally {
    await ws.close(); // or `await using ws = ...` on Node 22+
  }
});

test('close before accept is a 403', async () => {
  await expect(conductor.simulateWs('/reject')).rejects.toMatchObject({ status: 403 });
});

test('broadcast', async () => {
  const room = await conductor.simulateWsMany('/chat_room', 3);
  try {
    await room.at(0).sendText('hello');
    expect(await room.receiveTextAll()).toEqual(['hello', 'hello', 'hello']);
  } finally {
    await room.closeAll();
  }
});
