/**
 * Literal RunResult fixtures for the reporting tests: one route of each status,
 * a failure with every optional field and one with none.
 */
import type { FailureResult, RunResult } from '../run/results.js';

export const crash: FailureResult = {
  errorType: 'server_error',
  message: 'Server raised TypeError while handling message 1',
  messageIndex: 1,
  sequence: [
    { type: 'text', data: 'hi\u0000there' },
    { type: 'json', data: { type: null, tags: ['a\nb', 1.5] } },
    { type: 'bytes', data: new Uint8Array([0, 1, 255]) },
  ],
  url: '/ws/chat/abc',
  closeCode: 1011,
  closeReason: 'internal error',
  serverTrace: "TypeError: Cannot read properties of null (reading 'type')\n    at chat-app.ts:58:17",
  expected: 'Connection to remain open',
  actual: 'Connection closed with code 1011',
  connectionState: 'closed',
  context: { totalMessagesSent: 2, lastResponse: '{"type":"welcome"}', elapsedTimeMs: 12.345 },
  seed: 54321,
  path: '3:1:0',
  shrinks: 17,
  reproduce: 'npx wsroutes --app examples/chat-app.ts --ws-include /ws/chat/:room --seed 54321',
};

export const rejected: FailureResult = {
  errorType: 'handshake_rejected',
  message: 'Upgrade refused with 401',
  messageIndex: null,
  sequence: [],
  url: '/ws/private',
  expected: 'HTTP 101 Switching Protocols',
  actual: 'HTTP 401 Unauthorized',
  connectionState: 'never opened',
  context: { totalMessagesSent: 0, lastResponse: null, elapsedTimeMs: 3 },
  seed: 54321,
  shrinks: 0,
  reproduce: 'npx wsroutes --app examples/chat-app.ts --ws-include /ws/private --seed 54321',
  hint: 'the route wants credentials: pass them with --auth',
};

export const run: RunResult = {
  tool: 'wsroutes',
  version: '0.1.0',
  seed: 54321,
  durationMs: 4210,
  target: { kind: 'node', framework: 'fastify', spec: 'examples/chat-app.ts' },
  routes: [
    {
      path: '/ws/echo',
      kind: 'websocket',
      status: 'passed',
      sequences: 100,
      messagesSent: 1247,
      connections: 100,
      durationMs: 900,
      failures: [],
    },
    {
      path: '/ws/chat/:room',
      kind: 'websocket',
      status: 'failed',
      sequences: 38,
      messagesSent: 190,
      connections: 38,
      durationMs: 1200,
      failures: [crash],
    },
    {
      path: '/ws/private',
      kind: 'websocket',
      status: 'failed',
      sequences: 1,
      messagesSent: 0,
      connections: 0,
      durationMs: 5,
      failures: [rejected],
    },
    {
      path: '/ws/needs-protocol',
      kind: 'websocket',
      status: 'skipped',
      skipReason: 'every connection closed with 4401 before any message (hint: --auth)',
      sequences: 3,
      messagesSent: 0,
      connections: 3,
      durationMs: 20,
      failures: [],
    },
  ],
  orphanTraces: [],
};
