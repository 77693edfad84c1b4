/**
 * Hostile server for `--validate-responses` (issue 27, item 18), on 127.0.0.1: its
 * OpenAPI document declares the response of GET /tokens as a string matching
 * `^(a+)+$`, and the answer is 40 `a`s and a `!`. Checking that with a backtracking
 * engine takes about 2^40 steps: validation hung wsroutes' main thread (no timer, no
 * signal handler ran).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const DOC = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'tokens', version: '1' },
  paths: {
    '/tokens': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'string', pattern: '^(a+)+$' } } } } } } },
  },
});

export async function startBacktrackingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openapi.json') res.end(DOC);
    else if (req.url?.startsWith('/tokens')) res.end(JSON.stringify(`${'a'.repeat(40)}!`));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
