/**
 * A y-websocket server as @y/websocket-server's README runs it (`setupWSConnection` on a
 * `ws` server that routes the upgrades itself), plus a presence feed for notes: who joins
 * a note is announced to a (here in-memory) activity service.
 *
 * route            behaviour                                                          verdict
 * /notes/:room     the presence feed reads `state.user.name` of every client that      server_error (uncaught:
 *                  joins, in an async listener: a state without `user` (any client    the rejection escapes)
 *                  may set any awareness state) rejects and nothing catches it
 * /board/:room     plain shared documents                                             passes
 */
import http from 'node:http';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const activity = {
  async joined(doc: string, name: string): Promise<void> {
    await new Promise((r) => setImmediate(r));
    if (name.length > 200) throw new RangeError('name too long');
  },
};

const watched = new Set<string>();

function watchPresence(docName: string): void {
  if (watched.has(docName)) return;
  watched.add(docName);
  const doc = getYDoc(docName);
  doc.awareness.on('change', async ({ added }: { added: number[] }) => {
    for (const clientId of added) {
      const state = doc.awareness.getStates().get(clientId) as { user: { name: string } };
      await activity.joined(docName, state.user.name);
    }
  });
}

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

server.on('upgrade', (request, socket, head) => {
  const url = request.url ?? '';
  if (!url.startsWith('/notes/') && !url.startsWith('/board/')) {
    socket.destroy();
    return;
  }
  if (url.startsWith('/notes/')) watchPresence(url.slice(1).split('?')[0]!);
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 1234);
server.listen(port, host, () => console.log(`running at '${host}' on port ${port}`));
