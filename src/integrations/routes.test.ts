/**
 * The runner integrations' shared core against a real app: a route's failure blocks
 * become the test's message, so they pass through the run's redactor like the CLI's
 * output. The Fastify app echoes its session cookie and puts it in its exception.
 */
import { afterEach, expect, test } from 'vitest';
import { startRoutes } from './routes.js';

const SESSION = 'sess-integration-do-not-print';
const API_KEY = 'key-integration-do-not-print';

afterEach(() => {
  delete process.env.WSR_SESSION;
  delete process.env.WSR_API_KEY;
});

test('a failing route: the message has the failure block and no secret the app echoed', async () => {
  process.env.WSR_SESSION = SESSION;
  process.env.WSR_API_KEY = API_KEY;
  const run = await startRoutes({
    app: 'test/apps/node/inputs-fastify-app.ts',
    headers: ['X-Api-Key:$WSR_API_KEY'],
    cookies: ['session=$WSR_SESSION'],
    maxExamples: 20,
    seed: 5,
  });
  const verdict = await run.verdict('/ws/account');
  await run.done();
  expect(verdict.status).toBe('failed');
  const message = verdict.status === 'failed' ? verdict.message : '';
  expect(message).toContain('WEBSOCKET TEST FAILURE: /ws/account');
  expect(message).toContain('***');
  expect(message).not.toContain(SESSION);
  expect(message).not.toContain(API_KEY);
  // The raw result still holds what the app said: it is the message that is scrubbed.
  expect(JSON.stringify(await run.result)).toContain(SESSION);
});
