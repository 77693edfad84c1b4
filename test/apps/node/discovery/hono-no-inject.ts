/** A Hono app whose module forgets to export injectWebSocket. */
import { Hono } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';

const app = new Hono();
const { upgradeWebSocket } = createNodeWebSocket({ app });
app.get('/ws', upgradeWebSocket(() => ({})));

export default app;
