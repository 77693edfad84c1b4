import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, listeningServers } from '../../../test/apps/node/discovery/client.js';
import { WsroutesError } from '../../errors.js';
import { startNodeTarget } from './index.js';
import { parseNodeSpec as parseSpec } from '../../config/app-spec.js';

/** Starts `spec`, expecting a WsroutesError; checks nothing is left listening or patched. */
async function failure(spec: string): Promise<WsroutesError> {
  const servers = listeningServers();
  const emit = process.emit;
  const error = await startNodeTarget(spec, { cwd: FIXTURES, include: [] }).then(
    (target) => {
      void target.stop();
      throw new Error(`${spec} started`);
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WsroutesError);
  expect(listeningServers()).toBe(servers);
  expect(process.emit).toBe(emit);
  return error as WsroutesError;
}

describe('bad input: one clear error, nothing left listening', () => {
  test('a missing file names the resolved path', async () => {
    const err = await failure('nope/missing-app.ts');
    expect(err.code).toBe('APP_NOT_FOUND');
    expect(err.message).toContain(resolve(FIXTURES, 'nope/missing-app.ts'));
  });

  test('a missing export lists the exports the module has', async () => {
    const err = await failure('fastify-factory.ts:nope');
    expect(err.code).toBe('APP_NOT_FOUND');
    expect(err.message).toContain('"nope"');
    expect(err.message).toContain('createApp, failingPlugin, withoutWebsocket');
  });

  test('neither default nor app: the exports are listed', async () => {
    const err = await failure('http-app.ts');
    expect(err.code).toBe('APP_NOT_FOUND');
    expect(err.message).toContain('attachedServer, cannotListen, routedServer, twoAttachedServers');
  });

  test('an export that is not an app says what it is and what is supported', async () => {
    const err = await failure('bad-apps.ts');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('an object with keys hello, port');
    expect(err.message).toContain('a Fastify instance');
    expect(err.message).toContain('WebSocketServer');
  });

  test('a factory that returns something else', async () => {
    const err = await failure('bad-apps.ts:createNothing');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('createNothing() returned a value that is null');
  });

  test('a Hono app without an injectWebSocket export says how to fix it', async () => {
    const err = await failure('hono-no-inject.ts');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('export const { injectWebSocket');
  });

  test('a Fastify instance without @fastify/websocket', async () => {
    const err = await failure('fastify-factory.ts:withoutWebsocket');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('@fastify/websocket');
  });

  test('an Express app without express-ws', async () => {
    const err = await failure('express-app.cts:withoutExpressWs');
    expect(err.code).toBe('NOT_AN_APP');
    expect(err.message).toContain('expressWs(app)');
  });

  test.each([
    ['throws-on-import.ts', 'PORT is not configured'],
    ['bad-apps.ts:createFailing', 'database unreachable'],
    ['fastify-factory.ts:failingPlugin', 'plugin could not connect to redis'],
    ['http-app.ts:cannotListen', 'listen EACCES'],
  ])('%s fails to start with the original message', async (spec, original) => {
    const err = await failure(spec);
    expect(err.code).toBe('APP_START_FAILED');
    expect(err.message).toContain(original);
  });

  test('a file that is not a Node module is a usage error', async () => {
    const err = await failure('app.py');
    expect(err.code).toBe('USAGE');
  });
});

describe('parseSpec', () => {
  test('FILE and FILE:EXPORT, relative to cwd', () => {
    expect(parseSpec('app.ts', '/w')).toEqual({ file: '/w/app.ts', exportName: undefined });
    expect(parseSpec('src/app.mjs:createApp', '/w')).toEqual({ file: '/w/src/app.mjs', exportName: 'createApp' });
    expect(parseSpec('/abs/app.cts:app', '/w')).toEqual({ file: '/abs/app.cts', exportName: 'app' });
  });
});
