// The trivial HTTP route of `bench/http.ts`: GET /ping answers {"ok":true}; the server
// serves its OpenAPI document at /openapi.json. Run as its own process, so the tool and
// the loop it is compared with share nothing with it but the machine.
import { createServer } from 'node:http';

const openapi = {
  openapi: '3.1.0',
  info: { title: 'bench', version: '1' },
  paths: { '/ping': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
};

const server = createServer((req, res) => {
  const body = JSON.stringify(req.url === '/openapi.json' ? openapi : { ok: true });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening on http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
});
