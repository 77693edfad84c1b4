import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillTemplate } from '../../discovery/route.js';
import type { Target } from '../target.js';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';

describe('fastify target', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startNodeTarget('fastify-app.ts', { cwd: FIXTURES, include: [] });
  });
  afterAll(() => target?.stop());

  test('lists WebSocket routes added before and during plugin loading; its HTTP routes only as HTTP routes', () => {
    expect(target.framework).toBe('fastify');
    expect(target.kind).toBe('node');
    expect(target.baseUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const ws = target.routes.filter((r) => r.kind === 'websocket');
    expect(ws.map((r) => r.path)).toEqual(['/ws/root', '/ws/both', '/ws/parse', '/ws/reject', '/ws/chat', '/ws/chat/:room']);
    expect(ws.at(-1)?.params).toEqual([{ name: 'room', type: 'str' }]);
    // /ws/both's plain-HTTP GET belongs to its WebSocket route; no HEAD auto-route is listed.
    expect(target.routes.filter((r) => r.kind === 'http').map((r) => `${r.methods?.join()} ${r.path}`)).toEqual(['GET /health']);
  });

  test('a real client opens every discovered route', async () => {
    for (const route of target.routes.filter((r) => r.kind === 'websocket')) {
      const client = await openClient(target.baseUrl, fillTemplate(route.path, { room: 'r1' }));
      await client.terminate();
    }
    const room = await openClient(target.baseUrl, '/ws/chat/r1');
    expect(await room.next()).toBe('room r1');
    await room.terminate();
  });
});

describe('fastify factory', () => {
  test('an async factory whose routes live in plugins; stop() frees the port and ends open connections', async () => {
    const target = await startNodeTarget('fastify-factory.ts:createApp', { cwd: FIXTURES, include: [] });
    expect(target.routes.map((r) => `${r.kind} ${r.path}`)).toEqual(['websocket /ws/echo', 'http /page']);
    const client = await openClient(target.baseUrl, '/ws/echo');
    client.ws.send('hi');
    expect(await client.next()).toBe('hi');
    await target.stop();
    await target.stop();
    expect(await client.closed).toBeGreaterThan(0);
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });
});
