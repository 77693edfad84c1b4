import { test } from 'vitest';
import { appendFileSync } from 'node:fs';
import { startNodeTarget } from '../index.js';
import { FIXTURES, openClient } from '../../../../test/apps/node/discovery/client.js';
const log = (s: string) => appendFileSync('/tmp/d.log', s + '\n');

test('mut', async () => {
  setInterval(() => log('tick'), 500).unref();
  const t = await startNodeTarget('fastify-app.ts', { cwd: FIXTURES, include: [] });
  log('started');
  const a = await openClient(t.baseUrl, '/ws/parse');
  const b = await openClient(t.baseUrl, '/ws/parse');
  log('opened');
  t.traces.watch(b.port, () => log('B trace'));
  b.ws.send('not json');
  log('sent');
  await new Promise((r) => setTimeout(r, 1500));
  log('waited');
  await Promise.all([a.terminate(), b.terminate()]);
  await t.stop();
  log('stopped');
}, 3000);
