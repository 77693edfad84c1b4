/**
 * A project whose entry module never names Socket.IO: the chat is set up in another
 * module (chat.ts), the entry listens on 3000 and exports nothing. The project's
 * package.json depends on socket.io.
 */
import { createServer } from 'node:http';
import { attachChat } from './chat.js';

const httpServer = createServer();
attachChat(httpServer);
httpServer.listen(3000);
