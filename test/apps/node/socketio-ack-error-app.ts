/**
 * A Socket.IO todo API that answers bad requests with errors in the acknowledgement, as
 * the Socket.IO docs' validation example does (`callback({ status: 'Bad Request', error })`),
 * and logs each error it answers with `console.error`. It listens on 3000 itself.
 *
 * namespace  event                           behaviour                                         verdict
 * /todos     todo:create (payload, callback)  a title that is not a non-empty string: logged,  passed: an error in the
 *                                             answered { status: 'Bad Request', error }          ack is an answer
 *            todo:read (id, callback)         an unknown id: logged, answered { error }
 * /orders    order:create (order, callback)   order.items.map(...) throws on an order without   server_error: logged and
 *                                             items; caught, logged, answered as an internal     answered, but the answer
 *                                             error { status: 'error', message: 'Internal       says the server failed
 *                                             server error' }
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

class ValidationError extends Error {
  override name = 'ValidationError';
}

interface Todo {
  id: number;
  title: string;
}

const todos = new Map<number, Todo>();

function validateTodo(payload: unknown): Pick<Todo, 'title'> {
  const title = typeof payload === 'object' && payload !== null ? (payload as { title?: unknown }).title : undefined;
  if (typeof title !== 'string' || title.trim() === '') throw new ValidationError('"title" must be a non-empty string');
  return { title: title.trim() };
}

const httpServer = createServer();
const io = new Server(httpServer);

io.of('/todos').on('connection', (socket) => {
  socket.on('todo:create', (payload, callback) => {
    if (typeof callback !== 'function') {
      // not an acknowledgement
      return socket.disconnect();
    }
    try {
      const value = validateTodo(payload);
      const todo = { id: todos.size + 1, ...value };
      todos.set(todo.id, todo);
      callback({ status: 'OK', data: todo.id });
    } catch (error) {
      console.error(error);
      callback({ status: 'Bad Request', error: (error as Error).message });
    }
  });

  socket.on('todo:read', (id, callback) => {
    if (typeof callback !== 'function') return socket.disconnect();
    const todo = todos.get(Number(id));
    if (!todo) {
      console.error(new Error(`todo ${String(id)} not found`));
      return callback({ error: 'Todo not found' });
    }
    callback({ data: todo });
  });
});

io.of('/orders').on('connection', (socket) => {
  socket.on('order:create', (order, callback) => {
    if (typeof callback !== 'function') return socket.disconnect();
    try {
      const total = order.items.map((item: { price: number }) => item.price).reduce((a: number, b: number) => a + b, 0);
      callback({ status: 'ok', total });
    } catch (error) {
      console.error(error);
      callback({ status: 'error', message: 'Internal server error' });
    }
  });
});

httpServer.listen(3000);
