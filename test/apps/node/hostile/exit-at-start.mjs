// Hostile app (issue 15, item 3): a worker that exits when its database is unreachable,
// as many start-up scripts do; in-process, that call would end wsroutes itself.
import http from 'node:http';
import { WebSocketServer } from 'ws';

async function connectDatabase(url) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (!url) throw new Error('DATABASE_URL is not set');
  return { url };
}

let db;
try {
  db = await connectDatabase(process.env.HOSTILE_DATABASE_URL);
} catch (err) {
  console.log(`cannot connect to the database: ${err.message}`);
  process.exit(1);
}

const server = http.createServer();
const wss = new WebSocketServer({ server, path: '/ws/echo' });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));

export default server;
export { db };
