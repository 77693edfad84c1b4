/**
 * A hostile `--openapi` URL (issue 27, item 15). An endless document was read whole (7.9
 * GB before the machine gave out), and a redirect to another origin was followed, taking
 * wsroutes' request and its headers wherever the server pointed. Now a document is read up
 * to 32 MB and refused past it, and only redirects within the same origin are followed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type OpenApiServers, startOpenApiServers } from '../apps/node/hostile/openapi-server.js';
import { runCli } from './helpers/run-cli.js';

let servers: OpenApiServers;
beforeAll(async () => {
  servers = await startOpenApiServers();
});
afterAll(() => servers.close());

const run = (doc: string) =>
  runCli(['--url', servers.url, '--openapi', doc, '--http', '--no-websocket', '--max-examples', '3', '--seed', '1'], { noReport: true, timeoutMs: 60_000 });

test('an endless document is refused past 32 MB, in one line', async () => {
  const { code, stderr } = await run('/endless.json');
  expect(code, stderr).toBe(2);
  expect(stderr).toMatch(/--openapi \/endless\.json: the document is larger than 32 MB/);
}, 70_000);

test('a redirect to another origin is not followed', async () => {
  const { code, stderr } = await run('/elsewhere.json');
  expect(code, stderr).toBe(2);
  expect(stderr).toMatch(/--openapi \/elsewhere\.json: the server redirects to http:\/\/127\.0\.0\.1:\d+, another origin: not followed/);
  expect(servers.elsewhereHits()).toBe(0);
}, 70_000);

test('a redirect within the same origin is followed', async () => {
  const { code, stderr } = await run('/moved.json');
  expect(stderr).not.toMatch(/redirect/);
  expect(code, stderr).not.toBe(2);
}, 70_000);
