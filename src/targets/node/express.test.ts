import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fillTemplate } from '../../discovery/route.js';
import type { Target } from '../target.js';
import { FIXTURES, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { expressRoutes, mountPathFromRegExp } from './express.js';
import { startNodeTarget } from './index.js';

describe('express target (CommonJS TypeScript, named factory)', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startNodeTarget('express-app.cts:createApp', { cwd: FIXTURES, include: [] });
  });
  afterAll(() => target?.stop());

  test('lists app.ws routes and those of a router mounted with a prefix; its HTTP routes only as HTTP routes', () => {
    expect(target.framework).toBe('express');
    const ws = target.routes.filter((r) => r.kind === 'websocket');
    expect(ws.map((r) => r.path)).toEqual(['/ws/echo', '/ws/parse', '/ws/rooms/:room', '/ws/rooms']);
    expect(ws[2]?.params).toEqual([{ name: 'room', type: 'str' }]);
    expect(target.routes.filter((r) => r.kind === 'http').map((r) => `${r.methods?.join()} ${r.path}`)).toEqual([
      'GET /ws/rooms/list',
      'GET /health',
      'GET /boom-later',
    ]);
  });

  test('a real client opens every discovered route', async () => {
    for (const route of target.routes.filter((r) => r.kind === 'websocket')) {
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

describe('Express 4 (express4 = npm:express@4)', () => {
  test('routes are read from app._router (Express 4 throws on app.router), mounted Routers included', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const express = require('express4') as typeof import('express');
    const expressWs = require('express-ws') as (app: unknown) => { applyTo(router: unknown): void };
    const app = express();
    const ws = expressWs(app);
    const router = express.Router();
    ws.applyTo(router);
    (app as unknown as { ws(path: string, h: () => void): void }).ws('/echo', () => {});
    (router as unknown as { ws(path: string, h: () => void): void }).ws('/feed', () => {});
    app.use('/users/:id', router);
    app.use('/plain', router);
    app.use(/^\/v\d+/, router); // a RegExp mount has no template: not followed
    expect(() => (app as unknown as { router: unknown }).router).toThrow(/app\.router/);
    expect(expressRoutes(app).map((r) => r.path)).toEqual(['/echo', '/users/:id/feed', '/plain/feed']);
  });

  test.each([
    [/^\/?(?=\/|$)/i, [], '/'],
    [/^\/ws\/rooms\/?(?=\/|$)/i, [], '/ws/rooms'],
    [/^\/u(?:\/([^/]+?))\/sub\/?(?=\/|$)/i, [{ name: 'id' }], '/u/:id/sub'],
    [/^\/re+/, [], undefined],
  ])('mountPathFromRegExp(%s)', (regexp, keys, path) => {
    const r = regexp as RegExp & { fast_slash?: boolean };
    if (path === '/') r.fast_slash = true;
    expect(mountPathFromRegExp(r, keys)).toBe(path);
  });
});
