/**
 * Fastify test app with HTTP routes (issue 14, `--http`) beside a WebSocket route, its
 * schemas written as Fastify's validation docs write them (JSON Schema, a shared schema by $id).
 *
 * route                          behaviour                                              verdict
 * GET  /items/:id                the item, or 404 (params schema: integer id)           passed
 * POST /orders                   body { name: string, qty: integer }; crashes on an     server_error: TypeError (500), body { "name": "", "qty": 0 }
 *                                empty name (`name[0]` is undefined)
 * GET  /items/:id/availability   ?qty=N; `left` is declared minimum 0 but goes          response_schema_violation (200), ?qty=6 on item 1
 *                                negative when qty > stock (fast-json-stringify does
 *                                not check `minimum`, so the wrong body goes out)
 * GET  /ws/echo (websocket)      echoes                                                  passed
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';

interface Item {
  id: number;
  name: string;
  stock: number;
}

const items = new Map<number, Item>([
  [1, { id: 1, name: 'widget', stock: 5 }],
  [2, { id: 2, name: 'gadget', stock: 0 }],
]);

const fastify = Fastify();
await fastify.register(websocket);

fastify.addSchema({
  $id: 'item',
  type: 'object',
  required: ['id', 'name', 'stock'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    stock: { type: 'integer', minimum: 0 },
  },
});

const itemParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer' } },
} as const;

fastify.get('/ws/echo', { websocket: true }, (socket) => {
  socket.on('message', (data) => socket.send(data.toString()));
});

fastify.get<{ Params: { id: number } }>(
  '/items/:id',
  { schema: { params: itemParams, response: { 200: { $ref: 'item#' } } } },
  async function getItem(request, reply) {
    const item = items.get(request.params.id);
    if (!item) return reply.code(404).send({ error: 'no such item' });
    return item;
  },
);

fastify.get<{ Params: { id: number }; Querystring: { qty: number } }>(
  '/items/:id/availability',
  {
    schema: {
      params: itemParams,
      querystring: {
        type: 'object',
        properties: { qty: { type: 'integer', minimum: 1, default: 1 } },
      },
      response: {
        200: {
          type: 'object',
          required: ['id', 'available', 'left'],
          properties: {
            id: { type: 'integer' },
            available: { type: 'boolean' },
            left: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
  },
  async function availability(request, reply) {
    const item = items.get(request.params.id);
    if (!item) return reply.code(404).send({ error: 'no such item' });
    const left = item.stock - request.query.qty;
    return { id: item.id, available: left >= 0, left };
  },
);

fastify.post<{ Body: { name: string; qty: number } }>(
  '/orders',
  {
    schema: {
      body: {
        type: 'object',
        required: ['name', 'qty'],
        properties: {
          name: { type: 'string' },
          qty: { type: 'integer' },
        },
      },
      response: {
        201: {
          type: 'object',
          properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
        },
      },
    },
  },
  async function placeOrder(request, reply) {
    const { name, qty } = request.body;
    // SKUs start with the name's initial.
    const sku = `${name[0]!.toUpperCase()}-${qty}`;
    return reply.code(201).send({ sku, qty });
  },
);

export default fastify;
