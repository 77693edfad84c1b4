import { describe, expect, test } from 'vitest';
import { fillTemplate } from '../../discovery/route.js';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';

const EXPECTED = ['/ws/echo', '/ws/parse', '/api/rooms/:room'];

describe('hono target', () => {
  test('lists upgradeWebSocket routes, those of a mounted sub-app included; its HTTP routes only as HTTP routes', async () => {
    const target = await startNodeTarget('hono-app.ts', { cwd: FIXTURES, include: [] });
    try {
      expect(target.framework).toBe('hono');
      const ws = target.routes.filter((r) => r.kind === 'websocket');
      expect(ws.map((r) => r.path)).toEqual(EXPECTED);
      expect(ws[2]?.params).toEqual([{ name: 'room', type: 'str' }]);
      expect(target.routes.filter((r) => r.kind === 'http').map((r) => `${r.methods?.join()} ${r.path}`)).toEqual(['GET /health', 'GET /api/items']);
      for (const route of ws) {
        const client = await openClient(target.baseUrl, fillTemplate(route.path, { room: 'r1' }));
        await client.terminate();
      }
      const room = await openClient(target.baseUrl, '/api/rooms/r9');
      expect(await room.next()).toBe('room r9');
      await room.terminate();
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('a factory returning { app, injectWebSocket }', async () => {
    const target = await startNodeTarget('hono-app.ts:createApp', { cwd: FIXTURES, include: [] });
    try {
      expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(EXPECTED);
      const echo = await openClient(target.baseUrl, '/ws/echo');
      echo.ws.send('hello');
      expect(await echo.next()).toBe('hello');
      await target.stop();
      expect(await echo.closed).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });
});
