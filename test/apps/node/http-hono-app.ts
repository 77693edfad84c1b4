/**
 * Hono test app with HTTP routes (issue 14, `--http`) on a sub-app mounted with
 * `app.route()`, beside a @hono/node-ws route, written as hono.dev writes Node apps.
 *
 * route              behaviour                                                  verdict
 * GET  /books        the books                                                  passed
 * GET  /books/:id    the book, or 404                                           passed
 * GET  /go?to=URL    redirects to URL; `new URL()` throws a TypeError on a       server_error: TypeError (500), /go?to=
 *                    relative or empty `to` (Hono's default onError logs it)
 * WS   /ws           echoes                                                     passed
 */
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';

const app = new Hono();
export const { injectWebSocket, upgradeWebSocket } = createNodeWebSocket({ app });

const catalogue = [
  { id: 1, title: 'Dune' },
  { id: 2, title: 'Emma' },
];

const books = new Hono();
books.get('/', (c) => c.json(catalogue));
books.get('/:id', (c) => {
  const book = catalogue.find((b) => String(b.id) === c.req.param('id'));
  return book ? c.json(book) : c.json({ error: 'not found' }, 404);
});
app.route('/books', books);

app.get('/go', (c) => {
  const to = new URL(c.req.query('to') ?? '');
  return c.redirect(to.href);
});

app.get(
  '/ws',
  upgradeWebSocket(() => ({
    onMessage(event, ws) {
      ws.send(String(event.data));
    },
  })),
);

export default app;
