/**
 * Mutually recursive models (issue 27, item 17): five pydantic models that each hold the
 * others. Discovery inlined every `$ref` up to three times along each path, so one body
 * schema grew exponentially (15 MB and more) and discovery hung. Now a schema's `$ref`s
 * stay references (`#/$defs/Name`, with the models it reaches under `$defs`), and
 * generation follows them to a bounded depth.
 */
import { expect, test } from 'vitest';
import { routeOf } from './helpers/report.js';
import { runCli } from './helpers/run-cli.js';

test('five mutually recursive models: discovered, generated, the route tested', async () => {
  const { code, stderr, report } = await runCli(
    ['--app', 'recursive_models_app:app', '--app-dir', 'test/apps/python/hostile', '--http', '--no-websocket', '--max-examples', '20', '--seed', '1'],
    { timeoutMs: 60_000 },
  );
  expect(code, stderr.slice(-2000)).toBe(0);
  const route = routeOf(report, '/orgs/');
  expect(route.status).toBe('passed');
  expect(route.messagesSent).toBeGreaterThan(0);
}, 70_000);
