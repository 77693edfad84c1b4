/**
 * Which tRPC and nes replies are handled errors (answers) and which are crashes, on literal
 * frames as the libraries write them; and which of their messages owe a reply before the
 * next is sent (generation/replies.ts).
 */
import { expect, test } from 'vitest';
import { nesOwesReply, owesReply, trpcOwesReply } from '../generation/replies.js';
import { nes } from './nes.js';
import { isTrpcNotFound, trpc } from './trpc.js';

const frame = (v: unknown): string => JSON.stringify(v);

test('tRPC: error replies are answers, except INTERNAL_SERVER_ERROR (a procedure that threw); results and non-tRPC frames are not', () => {
  const answer = (v: unknown): boolean => Boolean(trpc.answers!.frame!(frame(v)));
  const error = (code: number, key: string, httpStatus: number) => ({ id: 1, error: { message: 'x', code, data: { code: key, httpStatus, path: 'a' } } });
  expect(answer(error(-32600, 'BAD_REQUEST', 400))).toBe(true);
  expect(answer(error(-32004, 'NOT_FOUND', 404))).toBe(true);
  expect(answer({ id: null, error: { message: 'x', code: -32700, data: { code: 'PARSE_ERROR', httpStatus: 400 } } })).toBe(true);
  expect(answer(error(-32603, 'INTERNAL_SERVER_ERROR', 500))).toBe(false);
  // NOT_IMPLEMENTED shares -32603; a custom formatter may keep only the httpStatus: 5xx is never an answer.
  expect(answer({ id: 1, error: { message: 'x', code: -32001, data: { httpStatus: 503 } } })).toBe(false);
  expect(answer({ id: 1, result: { type: 'data', data: 1 } })).toBe(false);
  expect(answer({ error: { code: -32600 } })).toBe(false);
  expect(trpc.answers!.frame!(Buffer.from('{}'))).toBe(false);
});

test('nes: 4xx and 501 error replies are answers; a 500, a request answered 200, a hello are not', () => {
  const answer = (v: unknown): boolean => Boolean(nes.answers!.frame!(frame(v)));
  expect(answer({ statusCode: 400, payload: { error: 'Bad Request', message: 'Unknown message type' }, headers: {}, type: 'x', id: 1 })).toBe(true);
  expect(answer({ type: 'request', id: 1, statusCode: 404, payload: { statusCode: 404, error: 'Not Found', message: 'Not Found' }, headers: {} })).toBe(true);
  expect(answer({ statusCode: 501, payload: { error: 'Not Implemented', message: 'Not Implemented' }, type: 'message', id: 1 })).toBe(true);
  expect(
    answer({
      type: 'request',
      id: 1,
      statusCode: 500,
      payload: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' },
    }),
  ).toBe(false);
  expect(answer({ type: 'request', id: 1, statusCode: 200, payload: 'world!' })).toBe(false);
  expect(answer({ type: 'hello', id: 1, heartbeat: { interval: 15000, timeout: 5000 }, socket: 'abc' })).toBe(false);
});

test('owed replies: tRPC requests and batches (not a stop), nes requests with an id (not its ping), GraphQL connection_init', () => {
  expect(trpcOwesReply({ type: 'json', data: { id: 1, method: 'query', params: { path: 'a' } } })).toBe(true);
  expect(
    trpcOwesReply({
      type: 'json',
      data: [
        { id: 1, method: 'subscription.stop' },
        { id: 2, method: 'mutation', params: { path: 'a' } },
      ],
    }),
  ).toBe(true);
  expect(trpcOwesReply({ type: 'json', data: { id: 1, method: 'subscription.stop' } })).toBe(false);
  expect(nesOwesReply({ type: 'json', data: { type: 'hello', id: 1, version: '2' } })).toBe(true);
  expect(nesOwesReply({ type: 'json', data: { type: 'ping', id: 1 } })).toBe(false);
  expect(nesOwesReply({ type: 'json', data: { type: 'request', path: '/' } })).toBe(false);
  expect(owesReply({ type: 'json', data: { type: 'connection_init' } })).toBe(true);
  expect(owesReply({ type: 'text', data: 'hello' })).toBe(false);
});

test("tRPC's NOT_FOUND, whole or cut by the preview, is tRPC; a JSON-RPC server's -32004 without tRPC's data, or another id, is not", () => {
  const message = 'No "query"-procedure on path "wsroutes.probe"';
  const whole = { id: 'wsroutes', error: { message, code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404, path: 'wsroutes.probe' } } };
  expect(isTrpcNotFound(whole, undefined)).toBe(true);
  const text = JSON.stringify({ ...whole, error: { ...whole.error, data: { ...whole.error.data, stack: 'TRPCError: ...'.repeat(30) } } });
  expect(isTrpcNotFound(undefined, text.slice(0, 200))).toBe(true);
  expect(isTrpcNotFound({ id: 'wsroutes', error: { message: 'nope', code: -32004 } }, undefined)).toBe(false);
  expect(isTrpcNotFound({ ...whole, id: 1 }, undefined)).toBe(false);
  expect(isTrpcNotFound(undefined, JSON.stringify({ jsonrpc: '2.0', id: 'wsroutes', error: { code: -32601, message: 'Method not found' } }))).toBe(false);
  expect(isTrpcNotFound(undefined, JSON.stringify({ id: 'wsroutes', method: 'query', params: { path: 'wsroutes.probe' } }))).toBe(false);
});
