/**
 * Fastify + @fastify/websocket chat rooms, written as the plugin's README writes
 * routes: each room is a set of members kept in memory, a member joins on connect and
 * leaves on close. Both routes are correct for any one client; only one of them is
 * correct for several.
 *
 * route           behaviour                                                     verdict
 * /rooms/:room    a pair chat: on each message, tells the sender who else is    server_error, needs two live clients:
 *                 in the room by the other member's name; a member is named by  connect 0, connect 1, send 1
 *                 its first message, so a member that has not spoken yet has    (TypeError on `peer.name`)
 *                 no name and the lookup throws
 * /hub/:room      relays every message to every other member of the room        passed
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';

interface Member {
  socket: WebSocket;
  name?: string;
}

const app = Fastify();
await app.register(websocket);

const pairs = new Map<string, Set<Member>>();

app.get<{ Params: { room: string } }>('/rooms/:room', { websocket: true }, (socket, req) => {
  const members = pairs.get(req.params.room) ?? new Set<Member>();
  pairs.set(req.params.room, members);
  const me: Member = { socket };
  members.add(me);
  socket.on('message', (data) => {
    me.name ??= data.toString().slice(0, 16) || 'anonymous';
    const peer = [...members].find((m) => m !== me);
    if (!peer) return socket.send('you are alone here');
    socket.send(`${peer.name!.toUpperCase()} is here too`);
  });
  socket.on('close', () => members.delete(me));
});

const hubs = new Map<string, Set<WebSocket>>();

app.get<{ Params: { room: string } }>('/hub/:room', { websocket: true }, (socket, req) => {
  const members = hubs.get(req.params.room) ?? new Set<WebSocket>();
  hubs.set(req.params.room, members);
  members.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of members) {
      if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
    }
  });
  socket.on('close', () => members.delete(socket));
});

export default app;
