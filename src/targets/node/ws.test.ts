import { describe, expect, test } from 'vitest';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';

describe('ws WebSocketServer target', () => {
  test.each([
    ['ws-app.mjs:attached', '/ws/attached'],
    ['ws-app.mjs:detached', '/'],
    ['ws-app.mjs:selfListening', '/ws/self'],
  ])('%s: its path is its route, a client can talk to it, stop() frees the port', async (spec, path) => {
    const target = await startNodeTarget(spec, { cwd: FIXTURES, include: [] });
    try {
      expect(target.framework).toBe('ws');
      expect(target.routes.map((r) => r.path)).toEqual([path]);
      const client = await openClient(target.baseUrl, path);
      client.ws.send('ping?');
      expect(await client.next()).toBe('ping?');
      await target.stop();
      expect(await client.closed).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });
});
