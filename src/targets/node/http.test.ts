import { describe, expect, test } from 'vitest';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { literalPaths } from '../../discovery/filter.js';
import { startNodeTarget } from './index.js';

describe('http.Server target', () => {
  test('the route is the path of the attached WebSocketServer', async () => {
    const target = await startNodeTarget('http-app.ts:attachedServer', { cwd: FIXTURES, include: [] });
    try {
      expect(target.framework).toBe('http');
      expect(target.routes.map((r) => r.path)).toEqual(['/ws/alpha']);
      const client = await openClient(target.baseUrl, '/ws/alpha');
      expect(await client.next()).toBe('/ws/alpha');
      await target.stop();
      expect(await client.closed).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('every attached WebSocketServer is found', async () => {
    const target = await startNodeTarget('http-app.ts:twoAttachedServers', { cwd: FIXTURES, include: [] });
    await target.stop();
    expect(target.routes.map((r) => r.path)).toEqual(['/ws/alpha', '/ws/beta']);
  });

  test('a server that routes upgrades itself has the literal --ws-include paths as routes, or none', async () => {
    const none = await startNodeTarget('http-app.ts:routedServer', { cwd: FIXTURES, include: [] });
    expect(none.routes).toEqual([]);
    await none.stop();

    const target = await startNodeTarget('http-app.ts:routedServer', { cwd: FIXTURES, include: ['/ws/manual', '/ws/*'] });
    try {
      expect(target.routes.map((r) => r.path)).toEqual(['/ws/manual']);
      // Reported as found by --ws-include alone (`discoveredBy`), not by the framework.
      expect(target.routes[0]?.discoveredBy).toBe('include');
      const client = await openClient(target.baseUrl, '/ws/manual');
      expect(await client.next()).toBe('manual');
      await target.stop();
      expect(await client.closed).toBeGreaterThan(0);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('literalPaths keeps paths without glob syntax', () => {
    expect(literalPaths(['/a/b', '/a/*', '**', 'x', '/r/:id', '/{a,b}'])).toEqual(['/a/b', '/r/:id']);
  });
});
