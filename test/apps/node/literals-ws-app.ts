/**
 * A chat on a bare `ws` WebSocketServer, written as chat tutorials write one: JSON
 * messages dispatched with `switch (msg.type)`. Bad JSON and unknown types are answered
 * with an error; the one bug sits behind the literal `'join'`, which random JSON never
 * names: `join` reads `msg.room.trim()` without checking that a room was sent.
 *
 * route      behaviour                                        verdict (errorType, minimal sequence)
 * /chat      join / leave / say / ping, JSON                  server_error, [json {"type": "join"}] (TypeError in join)
 */
import http from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

interface ChatMessage {
  type?: unknown;
  room?: string;
  text?: string;
}

const rooms = new Map<string, Set<WebSocket>>();

function join(socket: WebSocket, msg: ChatMessage): void {
  const room = msg.room!.trim().toLowerCase();
  if (!rooms.has(room)) rooms.set(room, new Set());
  rooms.get(room)!.add(socket);
  socket.send(JSON.stringify({ type: 'joined', room }));
}

function leave(socket: WebSocket): void {
  for (const members of rooms.values()) members.delete(socket);
  socket.send(JSON.stringify({ type: 'left' }));
}

function say(socket: WebSocket, msg: ChatMessage): void {
  for (const members of rooms.values()) {
    if (!members.has(socket)) continue;
    for (const peer of members) peer.send(JSON.stringify({ type: 'message', text: String(msg.text ?? '') }));
  }
}

const wss = new WebSocketServer({ server: http.createServer(), path: '/chat' });

wss.on('connection', (socket) => {
  socket.on('message', (raw) => {
    let msg: ChatMessage;
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      socket.send(JSON.stringify({ type: 'error', error: 'invalid JSON' }));
      return;
    }
    if (typeof msg !== 'object' || msg === null) {
      socket.send(JSON.stringify({ type: 'error', error: 'expected an object' }));
      return;
    }
    switch (msg.type) {
      case 'join':
        join(socket, msg);
        break;
      case 'leave':
        leave(socket);
        break;
      case 'say':
        say(socket, msg);
        break;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        break;
      default:
        socket.send(JSON.stringify({ type: 'error', error: 'unknown type' }));
    }
  });
  socket.on('close', () => {
    for (const members of rooms.values()) members.delete(socket);
  });
});

export default wss;
