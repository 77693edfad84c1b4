/**
 * Bad input: a module that starts its server, then crashes while starting up (a config
 * value it needs is missing). wsroutes must say so in one line and leave no port open.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer();
new WebSocketServer({ server });
server.listen(3000);

const config = JSON.parse(process.env.CHAT_CONFIG ?? 'null');
console.log(`rooms: ${config.rooms.join(', ')}`);
