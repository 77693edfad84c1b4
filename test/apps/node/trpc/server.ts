/**
 * A tRPC v11 WebSocket server as the tRPC docs write it (`applyWSSHandler` on a `ws`
 * WebSocketServer that listens by itself), logging every error in `onError`. See
 * router.ts for the procedures and which one has the bug.
 */
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { appRouter } from './router.js';

const wss = new WebSocketServer({ port: 3001 });
const handler = applyWSSHandler({
  wss,
  router: appRouter,
  createContext: () => ({}),
  onError: ({ error, path }) => {
    console.error(`tRPC failed on ${path ?? '<no-path>'}:`, error);
  },
});

wss.on('connection', (ws) => {
  console.log(`➕➕ Connection (${wss.clients.size})`);
  ws.once('close', () => console.log(`➖➖ Connection (${wss.clients.size})`));
});
console.log('✅ WebSocket Server listening on ws://localhost:3001');

process.on('SIGTERM', () => {
  handler.broadcastReconnectNotification();
  wss.close();
});
