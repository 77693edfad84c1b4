/**
 * A server that trickles its handshake answer (issue 15, item 2): `--ws-timeout` and the
 * Conductor's handshakeTimeout are deadlines for the whole handshake, and Conductor.stop()
 * ends a handshake still pending. Before the fix, each trickled byte reset ws's idle timer
 * and the run waited for as long as the server kept sending.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Conductor, ConductorError, HandshakeTimeoutError } from '../../src/index.js';
import { startTrickleServer, type TrickleServer } from '../apps/node/hostile/trickle-server.js';
import { runCli } from './helpers/run-cli.js';
import { failureOf } from './helpers/report.js';

let server: TrickleServer;
beforeAll(async () => {
  server = await startTrickleServer(200);
});
afterAll(() => server.close());

test('the CLI: a trickled 101 answer is a timeout after --ws-timeout, not a hang', async () => {
  const { code, report, stderr } = await runCli(
    ['--url', `http://127.0.0.1:${server.port}`, '--ws-include', '/ws', '--ws-timeout', '1', '--max-examples', '3', '--seed', '1'],
    { timeoutMs: 40_000 },
  );
  expect(code, stderr).toBe(1);
  const failure = failureOf(report, '/ws');
  expect(failure.errorType).toBe('timeout');
  expect(failure.messageIndex).toBeNull();
});

test('the Conductor: handshakeTimeout bounds the whole handshake (HandshakeTimeoutError)', async () => {
  const conductor = await Conductor.start({ url: `http://127.0.0.1:${server.port}` });
  try {
    const err = await conductor.simulateWs('/ws', { handshakeTimeout: 600 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandshakeTimeoutError);
    expect((err as Error).message).toMatch(/no complete handshake within 600 ms/);
  } finally {
    await conductor.stop();
  }
});

test('the Conductor: stop() ends a pending handshake, and the server sees the socket closed', async () => {
  const conductor = await Conductor.start({ url: `http://127.0.0.1:${server.port}` });
  const pending = conductor.simulateWs('/ws', { handshakeTimeout: 60_000 }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 300));
  expect(server.openSockets()).toBeGreaterThan(0);
  await conductor.stop();
  const err = await pending;
  expect(err).toBeInstanceOf(ConductorError);
  expect((err as Error).message).toMatch(/stopped during the handshake/);
  await expect.poll(() => server.openSockets()).toBe(0);
});
