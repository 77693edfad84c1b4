import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { startNodeTarget } from './index.js';
import { handlerSignature } from './socketio-probe.js';

const APPS = resolve(import.meta.dirname, '../../../test/apps/node');

describe('Socket.IO discovery: namespaces, their events, acks and arities', () => {
  test('a module that starts its own server and exports nothing: each namespace with handlers is a route', async () => {
    const target = await startNodeTarget('socketio-chat.ts', { cwd: APPS, include: [] });
    try {
      expect(target.framework).toBe('socketio');
      expect(portOfUrl(target.baseUrl)).not.toBe(3000);
      expect(target.routes).toEqual([
        {
          path: '/',
          kind: 'websocket',
          params: [],
          events: ['chat message', 'join'],
          socketio: { namespace: '/', endpoint: '/socket.io/', acks: ['join'], args: { 'chat message': 1, join: 1 } },
        },
        {
          path: '/chat',
          kind: 'websocket',
          params: [],
          events: ['chat message'],
          socketio: { namespace: '/chat', endpoint: '/socket.io/', acks: ['chat message'], args: { 'chat message': 1 } },
        },
      ]);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('an entry module that never names socket.io, in a project that depends on it, is recognised too', async () => {
    const target = await startNodeTarget('socketio-project/server.ts', { cwd: APPS, include: [] });
    try {
      expect(target.framework).toBe('socketio');
      expect(target.routes.map((r) => [r.path, r.events])).toEqual([['/', ['hello']]]);
    } finally {
      await target.stop();
    }
  });

  test.each(['httpServer', 'io'])('exported %s: found through the Server attached to it, with its own path', async (name) => {
    const target = await startNodeTarget(`socketio-exports.ts:${name}`, { cwd: APPS, include: [] });
    try {
      expect(target.framework).toBe('socketio');
      expect(target.routes).toHaveLength(1);
      expect(target.routes[0]).toMatchObject({
        path: '/admin',
        events: ['kick', 'status', 'note'],
        // `note` takes `...parts`: no arity, no ack.
        socketio: { namespace: '/admin', endpoint: '/live/', acks: ['kick', 'status'], args: { kick: 2, status: 0 } },
      });
    } finally {
      await target.stop();
    }
  });

  test('Feathers: the Server its @feathersjs/socketio creates, the service methods as ack events taking the path first', async () => {
    const target = await startNodeTarget('feathers/app.ts', { cwd: APPS, include: [] });
    try {
      expect(target.framework).toBe('socketio');
      expect(target.routes).toHaveLength(1);
      const [route] = target.routes;
      expect(route).toMatchObject({ path: '/', literals: { strings: ['messages', 'users'] } });
      expect([...route!.events!].sort()).toEqual(['create', 'find']);
      expect([...route!.socketio!.acks].sort()).toEqual(['create', 'find']);
      expect(route!.socketio!.args).toEqual({ create: 3, find: 2 });
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('Feathers on Express too: the Socket.IO server, not the Express app, is the target', async () => {
    const target = await startNodeTarget('feathers/express-app.ts', { cwd: APPS, include: [] });
    try {
      expect(target.framework).toBe('socketio');
      expect(target.routes).toMatchObject([{ path: '/', literals: { strings: ['messages'] }, socketio: { args: { create: 3, find: 2 } } }]);
    } finally {
      await target.stop();
    }
  });

  test('a Server attached to nothing gets an http server of its own', async () => {
    const target = await startNodeTarget('socketio-exports.ts:detached', { cwd: APPS, include: [] });
    try {
      expect(target.routes.map((r) => [r.path, r.events, r.socketio?.acks])).toEqual([['/', ['hello'], []]]);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('a namespace whose middleware refuses the probe is still a route, with no events', async () => {
    const target = await startNodeTarget('socketio-exports.ts:guarded', { cwd: APPS, include: [] });
    try {
      expect(target.routes.map((r) => [r.path, r.events])).toEqual([['/', []]]);
    } finally {
      await target.stop();
    }
  });

  test('dynamic namespaces: the literal --ws-include paths a parent namespace accepts are routes', async () => {
    const target = await startNodeTarget('socketio-exports.ts:rooms', { cwd: APPS, include: ['/room-1', '/lobby', '/room-*'] });
    try {
      expect(target.routes.map((r) => [r.path, r.events, r.socketio?.acks])).toEqual([['/room-1', ['say'], ['say']]]);
    } finally {
      await target.stop();
    }
  });

  test('a polling-only server is a start error that says why', async () => {
    await expect(startNodeTarget('socketio-exports.ts:pollingOnly', { cwd: APPS, include: [] })).rejects.toMatchObject({
      code: 'APP_START_FAILED',
      message: expect.stringMatching(/accepts only the polling transport; wsroutes connects over WebSocket/),
    });
  });
});

describe('handlerSignature: the ack and data arity a listener declares', () => {
  test.each<[string, unknown, { args?: number; ack: boolean }]>([
    ['arrow, callback called', (room: string, callback: (x: unknown) => void) => callback(room), { args: 1, ack: true }],
    ['optional call', (a: unknown, b: unknown, done?: (x: unknown) => void) => done?.([a, b]), { args: 2, ack: true }],
    ['last param passed on, conventional name', (msg: unknown, cb: unknown) => [msg, cb], { args: 1, ack: true }],
    ['last param a value, not called', (msg: string, room: string) => msg + room, { args: 2, ack: false }],
    ['single bare param', (msg: unknown) => msg, { args: 1, ack: false }],
    ['method call of the same name is not a call of the param', (a: { f(): void }, f: unknown) => [a.f(), f], { args: 2, ack: false }],
    ['defaults and destructuring', ({ room }: { room: string } = { room: '(,)' }, respond: (x: string) => void) => respond(room), { args: 1, ack: true }],
    ['no parameters', () => 1, { args: 0, ack: false }],
    ['rest parameters: unknown', (...args: unknown[]) => args, { ack: false }],
    [
      'bound: unknown',
      function (this: unknown, _a: unknown, cb: () => void) {
        cb();
      }.bind(null),
      { ack: false },
    ],
  ])('%s', (_name, fn, expected) => {
    expect(handlerSignature(fn)).toEqual(expected);
  });

  test('async functions and function expressions', () => {
    expect(handlerSignature(async (x: unknown, ack: (v: unknown) => void) => ack(await x))).toEqual({ args: 1, ack: true });
    expect(
      handlerSignature(function named(x: unknown, reply: unknown) {
        return [x, reply];
      }),
    ).toEqual({ args: 1, ack: true });
  });
});
