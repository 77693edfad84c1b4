import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillTemplate } from '../../discovery/route.js';
import type { Target } from '../target.js';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';

describe('express target (CommonJS TypeScript, named factory)', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startNodeTarget('express-app.cts:createApp', { cwd: FIXTURES, include: [] });
  });
  afterAll(() => target?.stop());

  test('lists app.ws routes and those of a router mounted with a prefix, and no HTTP route', () => {
    expect(target.framework).toBe('express');
    expect(target.routes.map((r) => r.path)).toEqual(['/ws/echo', '/ws/parse', '/ws/rooms/:room', '/ws/rooms']);
    expect(target.routes[2]?.params).toEqual([{ name: 'room', type: 'str' }]);
  });

  test('a real client opens every discovered route', async () => {
    for (const route of target.routes) {
      const client = await openClient(target.baseUrl, fillTemplate(route.path, { room: 'r1' }));
      await client.terminate();
    }
    const room = await openClient(target.baseUrl, '/ws/rooms/r7');
    expect(await room.next()).toBe('room r7');
    await room.terminate();
  });

  test('stop() ends open connections and frees the port', async () => {
    const client = await openClient(target.baseUrl, '/ws/echo');
    await target.stop();
    expect(await client.closed).toBeGreaterThan(0);
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });
});
