/**
 * A Feathers chat on Express (@feathersjs/express), as Feathers' guide writes the Express
 * flavour: REST and Socket.IO transports, `app.listen(3030)` at import, no export.
 * Planted bug: `create` trims `data.text` unchecked (a TypeError Feathers answers in the
 * ack); `find` is correct.
 */
import { feathers } from '@feathersjs/feathers';
import express, { errorHandler, json, rest, urlencoded } from '@feathersjs/express';
import socketio from '@feathersjs/socketio';

interface Message {
  id?: number;
  text: string;
}

class MessageService {
  messages: Message[] = [];

  async find() {
    return this.messages;
  }

  async create(data: Pick<Message, 'text'>) {
    const message: Message = { id: this.messages.length, text: data.text.trim() };
    this.messages.push(message);
    return message;
  }
}

type ServiceTypes = {
  messages: MessageService;
};

const app = express<ServiceTypes>(feathers());

app.use(json());
app.use(urlencoded({ extended: true }));
app.configure(rest());
app.configure(socketio());
app.use('messages', new MessageService());
app.use(errorHandler());

app.on('connection', (connection) => app.channel('everybody').join(connection));
app.publish((_data) => app.channel('everybody'));

app.listen(3030).then(() => console.log('Feathers server listening on localhost:3030'));
