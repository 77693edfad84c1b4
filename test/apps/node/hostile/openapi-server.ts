/**
 * Hostile server for `--openapi` (issue 27, item 15), on 127.0.0.1:
 *
 * path                 answer
 * /endless.json        200 and a JSON document that never ends (64 KiB chunks, as fast as read):
 *                      read whole, it took wsroutes to 7.9 GB
 * /elsewhere.json      302 to /openapi.json on a second server (another origin): followed, a
 *                      server could send wsroutes' request, and its --header values, anywhere
 * /moved.json          302 to /openapi.json on this server (same origin)
 * /openapi.json        a small valid document (GET /items)
 *
 * `elsewhereHits()` counts the requests the second server received.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenApiServers {
  url: string;
  elsewhereHits(): number;
  close(): Promise<void>;
}

const DOC = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'hostile', version: '1' },
  paths: { '/items': { get: { responses: { '200': { content: { 'application/json': { schema: { type: 'array' } } } } } } } },
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startOpenApiServers(): Promise<OpenApiServers> {
  let hits = 0;
  const elsewhere = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(DOC);
  });
  const elsewhereUrl = await listen(elsewhere);
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const server = createServer((req, res) => {
    if (req.url === '/endless.json') {
      res.setHeader('content-type', 'application/json');
      res.write('{"openapi": "3.1.0", "padding": "');
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', more);
      more();
    } else if (req.url === '/elsewhere.json') {
      res.writeHead(302, { location: `${elsewhereUrl}/openapi.json` }).end();
    } else if (req.url === '/moved.json') {
      res.writeHead(302, { location: '/openapi.json' }).end();
    } else if (req.url === '/openapi.json') {
      res.setHeader('content-type', 'application/json');
      res.end(DOC);
    } else {
      res.writeHead(404).end();
    }
  });
  const url = await listen(server);
  return {
    url,
    elsewhereHits: () => hits,
    close: async () => {
      server.closeAllConnections();
      elsewhere.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => elsewhere.close(r))]);
    },
  };
}
