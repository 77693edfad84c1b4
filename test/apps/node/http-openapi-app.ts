// A small inventory API on plain node:http, serving its own OpenAPI document at
// /openapi.json, written the way a tutorial writes one. It has one bug: creating an
// item whose name is empty reads the first letter of it to pick a shelf, and
// `undefined.toUpperCase()` throws, so the handler answers 500.
import { createServer } from 'node:http';

interface Item {
  id: number;
  name: string;
  price: number;
  tags: string[];
}

const items = new Map<number, Item>([[1, { id: 1, name: 'Hammer', price: 9.5, tags: ['tools'] }]]);
let nextId = 2;
const shelves = new Map<string, number[]>();

const openapi = {
  openapi: '3.1.0',
  info: { title: 'Inventory', version: '1.0.0' },
  paths: {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'tag', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The items', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } } },
      },
      post: {
        operationId: 'createItem',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewItem' } } } },
        responses: {
          '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          '400': { description: 'Invalid item' },
        },
      },
    },
    '/items/{item_id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'item_id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': { description: 'The item', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
          '404': { description: 'Not found' },
        },
      },
    },
  },
  components: {
    schemas: {
      NewItem: {
        type: 'object',
        required: ['name', 'price'],
        properties: { name: { type: 'string' }, price: { type: 'number', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
      },
      Item: {
        type: 'object',
        required: ['id', 'name', 'price', 'tags'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, price: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/openapi.json') return sendJson(res, 200, openapi);

    if (url.pathname === '/items' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return sendJson(res, 400, { error: 'limit must be 1-100' });
      const tag = url.searchParams.get('tag');
      const list = [...items.values()].filter((i) => tag === null || i.tags.includes(tag));
      return sendJson(res, 200, list.slice(0, limit));
    }

    if (url.pathname === '/items' && req.method === 'POST') {
      let body: { name?: unknown; price?: unknown; tags?: unknown };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error: 'invalid JSON' });
      }
      if (typeof body !== 'object' || body === null || typeof body.name !== 'string' || typeof body.price !== 'number' || body.price < 0) {
        return sendJson(res, 400, { error: 'name (string) and price (number >= 0) are required' });
      }
      const tags = Array.isArray(body.tags) ? body.tags.map(String) : [];
      const item: Item = { id: nextId++, name: body.name, price: body.price, tags };
      // Items are shelved by the first letter of their name.
      const shelf = (item.name.trim()[0] as string).toUpperCase();
      shelves.set(shelf, [...(shelves.get(shelf) ?? []), item.id]);
      items.set(item.id, item);
      return sendJson(res, 201, item);
    }

    const match = /^\/items\/([^/]+)$/.exec(url.pathname);
    if (match && req.method === 'GET') {
      const id = Number(match[1]);
      if (!Number.isInteger(id)) return sendJson(res, 400, { error: 'item_id must be an integer' });
      const item = items.get(id);
      return item ? sendJson(res, 200, item) : sendJson(res, 404, { error: 'not found' });
    }

    sendJson(res, 404, { error: 'not found' });
  } catch (err) {
    console.error(err);
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('Internal Server Error');
  }
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`Inventory API listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
});
