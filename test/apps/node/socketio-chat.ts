/**
 * A Socket.IO chat as the Socket.IO "get started" tutorial writes it: an Express app,
 * the http server made from it, `new Server(server)`, handlers registered in
 * `io.on('connection')`, and `server.listen(3000)` at import, with no export.
 *
 * namespace  event                          behaviour                                        verdict
 * /          chat message (msg)             broadcast to everyone                            -
 *            join (room, callback)          room.trim(): a room that is not a string throws   server_error, shrunk to
 *                                           (reachable only through `join`)                  one emit("join", <non-string>)
 * /chat      chat message (msg, callback)   broadcast, then acknowledge                       passed
 *
 * Both acknowledge only a client that asked for it (an emit without an ack passes no
 * callback); socketio-ack-app.ts is the same mistake left in.
 */
import express from 'express';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const app = express();
const server = createServer(app);
const io = new Server(server);

app.get('/', (_req, res) => {
  res.send('<h1>Chat</h1>');
});

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => {
    io.emit('chat message', msg);
  });

  socket.on('join', (room, callback) => {
    const name = room.trim().toLowerCase();
    socket.join(name);
    if (typeof callback === 'function') callback({ status: 'ok', room: name });
  });
});

const chat = io.of('/chat');

chat.on('connection', (socket) => {
  socket.on('chat message', (msg, callback) => {
    chat.emit('chat message', typeof msg === 'string' ? msg : JSON.stringify(msg));
    callback?.({ status: 'ok' });
  });
});

server.listen(3000, () => {
  console.log('server running at http://localhost:3000');
});
