/**
 * A small Fastify chat server, the app `npm start` tests. It has one deliberate,
 * realistic bug for wsroutes to find: /ws/chat/:room guards `JSON.parse` with
 * try/catch but then reads `msg.type`, so the valid JSON text `null` throws a
 * TypeError. Everything else is meant to hold up under any input. See README.md.
 *
 * route            protocol
 * /ws/chat/:room   JSON text: {"type":"message","text":"..."} is broadcast to the room,
 *                  {"type":"typing"} tells the others, {"type":"ping"} answers pong;
 *                  anything else gets {"error": ...}
 * /ws/echo         echoes text and binary frames exactly
 * /ws/presence     sends the member count of every room on connect and on each message
 * GET /health      plain HTTP
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';

interface ChatMessage {
  type: string;
  text?: unknown;
}

const MAX_TEXT = 2000;
const rooms = new Map<string, Set<WebSocket>>();

const app = Fastify();
await app.register(websocket);

app.get('/health', async () => ({ ok: true, rooms: rooms.size }));

function send(socket: WebSocket, body: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(body));
}

function broadcast(room: string, from: WebSocket, body: object): void {
  for (const member of rooms.get(room) ?? []) if (member !== from) send(member, body);
}

function join(room: string, socket: WebSocket): void {
  const members = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, members.add(socket));
  socket.on('close', () => {
    members.delete(socket);
    if (members.size === 0) rooms.delete(room);
    broadcast(room, socket, { type: 'left', members: members.size });
  });
}

app.get<{ Params: { room: string } }>('/ws/chat/:room', { websocket: true }, (socket, req) => {
  const { room } = req.params;
  join(room, socket);
  send(socket, { type: 'welcome', room, members: rooms.get(room)?.size ?? 1 });

  socket.on('message', (data, isBinary) => {
    if (isBinary) return send(socket, { error: 'binary frames are not supported' });
    let msg: ChatMessage;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return send(socket, { error: 'invalid json' });
    }
    // The bug: JSON.parse('null') succeeds, and null has no `type`.
    switch (msg.type) {
      case 'message': {
        const text = typeof msg.text === 'string' ? msg.text.slice(0, MAX_TEXT) : '';
        if (!text) return send(socket, { error: 'text must be a non-empty string' });
        broadcast(room, socket, { type: 'message', room, text });
        return send(socket, { type: 'sent', room });
      }
      case 'typing':
        return broadcast(room, socket, { type: 'typing', room });
      case 'ping':
        return send(socket, { type: 'pong' });
      default:
        return send(socket, { error: 'unknown message type' });
    }
  });
});

app.get('/ws/echo', { websocket: true }, (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});

app.get('/ws/presence', { websocket: true }, (socket) => {
  const report = () => send(socket, { type: 'presence', rooms: Object.fromEntries([...rooms].map(([name, m]) => [name, m.size])) });
  report();
  socket.on('message', report);
});

export default app;
