/**
 * A Socket.IO todo API written after the Socket.IO docs' acknowledgements example: the
 * handler takes a callback as its last parameter and calls it, whether or not the client
 * asked for an acknowledgement. It listens on 3000 itself and exports nothing.
 *
 * namespace  event                           behaviour                                        verdict
 * /          todo:create (payload, callback)  callback(...) unconditionally: an emit without   server_error (uncaught: the
 *                                             an ack throws `callback is not a function`,      process would die), shrunk
 *                                             where nothing catches it                          to one emit without ack
 * /v2        todo:create (payload, callback)  the docs' validation: a client that sent no ack  passed
 *                                             is disconnected, the rest acknowledged
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

interface Todo {
  id: number;
  title: string;
}

const todos: Todo[] = [];

function createTodo(payload: unknown): Todo {
  const title = typeof payload === 'object' && payload !== null && typeof (payload as { title?: unknown }).title === 'string' ? (payload as { title: string }).title : 'untitled';
  const todo = { id: todos.length + 1, title };
  todos.push(todo);
  return todo;
}

const httpServer = createServer();
const io = new Server(httpServer);

io.on('connection', (socket) => {
  socket.on('todo:create', (payload, callback) => {
    const todo = createTodo(payload);
    callback({ status: 'ok', data: todo.id });
  });
});

io.of('/v2').on('connection', (socket) => {
  socket.on('todo:create', (payload, callback) => {
    if (typeof callback !== 'function') {
      // not an acknowledgement
      return socket.disconnect();
    }
    const todo = createTodo(payload);
    callback({ status: 'ok', data: todo.id });
  });
});

httpServer.listen(3000);
