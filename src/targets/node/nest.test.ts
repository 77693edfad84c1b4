import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listeningServers, listensInProcess, openClient, portIsFree, portOfUrl } from '../../../test/apps/node/discovery/client.js';
import { WsroutesError } from '../../errors.js';
import type { ServerTrace } from '../target.js';
import { startNodeTarget } from './index.js';
import { gatewayPath, socketIoGatewayRoutes, socketIoNamespace } from './nest.js';
import { runConnection } from '../../execution/connection.js';
import type { Message } from '../../generation/message.js';
import { protocolOf } from '../../protocols/index.js';

const NEST = resolve(import.meta.dirname, '../../../test/apps/node/nest');
const start = (file: string) => startNodeTarget(`src/${file}`, { cwd: NEST, include: [] });

/** Listening servers once closed ones are gone: a closed server's handle is released a turn of the loop later. */
async function serversNow(): Promise<number> {
  await new Promise((r) => setTimeout(r, 20));
  return listeningServers();
}

async function failure(file: string): Promise<WsroutesError> {
  const servers = await serversNow();
  const error = await start(file).then(
    (target) => {
      void target.stop();
      throw new Error(`${file} started`);
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WsroutesError);
  expect(await serversNow()).toBe(servers);
  return error as WsroutesError;
}

describe('gatewayPath (as Nest’s ws adapter matches paths)', () => {
  test('a leading slash, no trailing or doubled ones; none is /', () => {
    expect(gatewayPath('/events')).toBe('/events');
    expect(gatewayPath('events/')).toBe('/events');
    expect(gatewayPath('//a//b/')).toBe('/a/b');
    expect(gatewayPath(undefined)).toBe('/');
    expect(gatewayPath('')).toBe('/');
  });
});

describe('Nest gateways on Socket.IO', () => {
  test('namespaces as Nest names them; a dynamic one has no name to join', () => {
    expect(socketIoNamespace(undefined)).toBe('/');
    expect(socketIoNamespace('rooms')).toBe('/rooms');
    expect(socketIoNamespace('/rooms')).toBe('/rooms');
    expect(socketIoNamespace(/^\/room-\d+$/)).toBeUndefined();
  });

  test('one route per namespace on the shared engine.io path, acks where a handler takes @Ack()', () => {
    const g = (namespace: unknown, events: string[], acks: string[] = [], pathOption?: string) => ({
      name: 'G',
      port: 0,
      path: '/',
      events,
      acks,
      namespace,
      pathOption,
    });
    expect(
      socketIoGatewayRoutes([g(undefined, ['a'], [], '/io'), g('chat', ['b'], ['b'], '/io'), g('/chat', ['c'], [], '/io/'), g(/x/, ['d'], [], '/io')]),
    ).toEqual([
      { path: '/', kind: 'websocket', params: [], events: ['a'], socketio: { namespace: '/', endpoint: '/io/', acks: [], args: {} } },
      { path: '/chat', kind: 'websocket', params: [], events: ['b', 'c'], socketio: { namespace: '/chat', endpoint: '/io/', acks: ['b'], args: {} } },
    ]);
    expect(socketIoGatewayRoutes([g(undefined, ['a'])])[0]!.socketio!.endpoint).toBe('/socket.io/');
    expect(() => socketIoGatewayRoutes([g(undefined, ['a']), g('chat', ['b'], [], '/io')])).toThrow(
      /more than one Socket\.IO path are not supported: \/socket\.io, \/io;/,
    );
  });

  test('main.ts with no adapter call, platform-socket.io installed: the namespaces are Socket.IO routes', async () => {
    const target = await startNodeTarget('socketio/main.ts', { cwd: NEST, include: [] });
    try {
      expect(target.framework).toBe('nest');
      expect(target.routes).toMatchObject([
        { path: '/', events: ['events', 'identity'], socketio: { namespace: '/', endpoint: '/socket.io/', acks: [] } },
        { path: '/rooms', events: ['join', 'leave', 'rename'], socketio: { namespace: '/rooms', endpoint: '/socket.io/', acks: ['rename'] } },
      ]);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });
});

describe('Nest adapter: main.ts with no export', () => {
  test('gateway paths are routes with their @SubscribeMessage names; handler exceptions are the connection’s traces', async () => {
    const target = await start('main.ts');
    try {
      expect(target.framework).toBe('nest');
      // (Each also carries the literals its gateway's source compares messages with.)
      expect(target.routes).toMatchObject([
        { path: '/events', kind: 'websocket', params: [], events: ['message', 'history'], protocol: 'nest-ws' },
        { path: '/calculator', kind: 'websocket', params: [], events: ['divide'], protocol: 'nest-ws' },
      ]);

      // The gateway's service came by constructor injection: decorator metadata was emitted.
      const events = await openClient(target.baseUrl, '/events');
      events.ws.send(JSON.stringify({ event: 'message', data: 'hi' }));
      expect(JSON.parse(await events.next())).toEqual({ event: 'stored', data: 1 });
      events.ws.send(JSON.stringify({ event: 'history' }));
      expect(JSON.parse(await events.next())).toEqual({ event: 'history', data: ['hi'] });
      await events.terminate();

      const calc = await openClient(target.baseUrl, '/calculator');
      const traces: ServerTrace[] = [];
      const watch = target.traces.watch(calc.port, (t) => traces.push(t));
      calc.ws.send(JSON.stringify({ event: 'divide', data: { operands: [6, 3] } }));
      expect(JSON.parse(await calc.next())).toEqual({ event: 'quotient', data: 2 });
      calc.ws.send(JSON.stringify({ event: 'divide', data: {} }));
      // Nest answers and keeps the connection; the error it logs is this connection's trace.
      expect(JSON.parse(await calc.next())).toMatchObject({ event: 'exception', data: { status: 'error', message: 'Internal server error' } });
      calc.ws.send(JSON.stringify({ event: 'divide', data: { operands: [1, 0] } }));
      // A WsException is Nest's intended answer, not a trace.
      expect(JSON.parse(await calc.next())).toMatchObject({ event: 'exception', data: { status: 'error', message: 'Cannot divide by zero' } });
      await calc.terminate();
      const ended = await watch.end();
      expect(ended).toHaveLength(1);
      expect(ended[0]!.text).toMatch(/^TypeError: .*\n\s+at CalculatorGateway\.divide \(.*calculator\.gateway\.ts:\d+:\d+\)/);
      expect(traces).toHaveLength(1);
      expect(target.traces.drainOrphans()).toEqual([]);
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test("Nest's exception event is a handled error on its ws routes: a WsException's, not the one for an unexpected exception", async () => {
    const target = await start('main.ts');
    try {
      const route = target.routes.find((r) => r.path === '/calculator')!;
      const messages: Message[] = [
        { type: 'json', data: { event: 'divide', data: { operands: [1, 0] } } },
        { type: 'json', data: { event: 'divide', data: {} } },
      ];
      const t = await runConnection({
        baseUrl: target.baseUrl,
        path: '/calculator',
        messages,
        closeCode: 1000,
        subprotocols: [],
        headers: {},
        connectionTimeoutMs: 2000,
        messageTimeoutMs: 2000,
        maxPayload: 1 << 20,
        traces: target.traces,
        stepwise: true,
        answers: protocolOf(route).answers,
      });
      // The WsException answered ("Cannot divide by zero"); the TypeError's "Internal server error" did not.
      expect(t.handledErrors).toBe(1);
      expect(t.serverTraces).toEqual([expect.objectContaining({ logged: true })]);
      expect(protocolOf({ ...route, protocol: undefined }).answers).toBeUndefined(); // plain routes: none
    } finally {
      await target.stop();
    }
  });

  test('started twice in one process (modules cached, so it listens at once): still the Nest app', async () => {
    for (let i = 0; i < 2; i++) {
      const target = await start('main.ts');
      expect(target.framework).toBe('nest');
      await target.stop();
    }
  });

  test('gateways on a port of their own: that port’s server, moved to loopback like the app’s', async () => {
    const target = await start('main-own-port.ts');
    try {
      expect(target.routes).toEqual([{ path: '/ticker', kind: 'websocket', params: [], events: ['tick'], protocol: 'nest-ws' }]);
      expect(portOfUrl(target.baseUrl)).not.toBe(8080);
      expect(listensInProcess(8080)).toBe(false);
      const client = await openClient(target.baseUrl, '/ticker');
      client.ws.send(JSON.stringify({ event: 'tick' }));
      expect(Number(await client.next())).toBeGreaterThan(0);
      await client.terminate();
    } finally {
      await target.stop();
    }
    expect(await portIsFree(portOfUrl(target.baseUrl))).toBe(true);
  });

  test('an exported async factory', async () => {
    const target = await start('app.factory.ts');
    try {
      expect(target.framework).toBe('nest');
      expect(target.routes.map((r) => r.path)).toEqual(['/events', '/calculator']);
    } finally {
      await target.stop();
    }
  });
});

describe('Nest adapter: bad input, one clear error and nothing left listening', () => {
  test('no adapter call: Socket.IO serves the gateways, whose ws-style `path` options are two engine.io paths', async () => {
    const err = await failure('main-no-adapter.ts');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toBe(
      'Nest gateways on more than one Socket.IO path are not supported: /events, /calculator; serve them on one (the `path` option of @WebSocketGateway)',
    );
  });

  test('a provider missing from the module: Nest cannot create the app (and does not abort the process)', async () => {
    const err = await failure('main-missing-provider.ts');
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toMatch(/^The Nest app failed to start: Nest can't resolve dependencies of the EventsGateway \(\?\)\. [^\n]*$/);
  });

  test('gateways on two servers (the app’s and a port of their own)', async () => {
    const err = await failure('main-mixed-ports.ts');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toBe("Nest gateways on more than one server are not supported: TickerGateway (port 8080) beside the app's own; serve them on one");
    expect(listensInProcess(8080)).toBe(false);
  });
});
