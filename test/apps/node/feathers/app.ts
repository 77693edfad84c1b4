/**
 * A Feathers v5 chat as Feathers' quick start writes it: a Koa app with REST and
 * Socket.IO transports, services registered with `app.use`, every connection in one
 * channel, `app.listen(3030)` at import and no export. Over Socket.IO a service method is
 * an event: `socket.emit('create', 'messages', data, params, callback)`.
 *
 * service   method   behaviour                                                        verdict
 * messages  find     all messages                                                     passed:
 *           create   text not a string: a BadRequest, answered in the ack           answers, not failures
 * users     create   data.name.trim(): a name that is not a string throws TypeError   server_error, shrunk to
 *                    (Feathers answers it in the ack and logs nothing)                one emit("create", "users", ...)
 */
import { BadRequest } from '@feathersjs/errors';
import { feathers } from '@feathersjs/feathers';
import { bodyParser, errorHandler, koa, rest, serveStatic } from '@feathersjs/koa';
import socketio from '@feathersjs/socketio';

interface Message {
  id?: number;
  text: string;
}

interface User {
  id?: number;
  name: string;
}

// A messages service that allows us to create new and return all existing messages
class MessageService {
  messages: Message[] = [];

  async find() {
    return this.messages;
  }

  async create(data: Pick<Message, 'text'>) {
    if (typeof data?.text !== 'string') throw new BadRequest('Message text must be a string');
    const message: Message = { id: this.messages.length, text: data.text };
    this.messages.push(message);
    return message;
  }
}

class UserService {
  users: User[] = [];

  async create(data: Pick<User, 'name'>) {
    const user: User = { id: this.users.length, name: data.name.trim() };
    this.users.push(user);
    return user;
  }
}

type ServiceTypes = {
  messages: MessageService;
  users: UserService;
};

const app = koa<ServiceTypes>(feathers());

app.use(serveStatic('.'));
app.use(errorHandler());
app.use(bodyParser());
app.configure(rest());
app.configure(socketio());
app.use('messages', new MessageService());
app.use('users', new UserService());

// Add any new real-time connection to the `everybody` channel
app.on('connection', (connection) => app.channel('everybody').join(connection));
// Publish all events to the `everybody` channel
app.publish((_data) => app.channel('everybody'));

app.listen(3030).then(() => console.log('Feathers server listening on localhost:3030'));

app.service('messages').create({
  text: 'Hello world from the server',
});
