/**
 * The Node twin of test/apps/python/falcon_conductor_app.py: the same routes and answers
 * with `ws` and `http` (no listen: wsroutes listens). Each route is a `noServer`
 * WebSocketServer; the http.Server's upgrade listener runs a "middleware" (it sets
 * `req.context`, as Falcon's process_request_ws does), refuses what Falcon would refuse
 * with 403, and hands the rest to the server whose path matches. The default export is a
 * factory, so each start gets a fresh app (the chat room starts empty).
 *
 * route                                     behaviour
 * /chat                                     greets "Welcome to the Chat Room!", then echoes "Server echoes: ..."
 * /echo                                     echoes "Server echoes: ..."
 * /reject                                   refused with 403 (Falcon: close before accept)
 * /secure_chat, /secure_ws_endpoint         X-Auth-Token must be "secret-token-123", else 403
 * /binary_processor                         answers each binary message reversed
 * /json_echo                                echoes each JSON message
 * /timed_chat, /error_trigger_ws            "trigger_server_close_event" closes 1000; "trigger_custom_error" closes 4001
 * /json_processor_ws                        malformed JSON: answers {"error": "Malformed JSON received"} and stays open
 * /auth_via_message_ws                      the first message must be {"type": "auth", "token": ...}; then actions
 * /chat_subprotocol                         selects chat.v2, else chat.v1, else no subprotocol
 * /ws_with_middleware                       sends the attribute the middleware set, then closes
 * /no_reply_endpoint                        accepts and never answers
 * /chat_room                                broadcasts every text message to every connected client
 */
import http, { type IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

const VALID_TOKEN = 'secret-token-123';
const SESSION_TOKEN = 'session-specific-token';
const SUPPORTED_SUBPROTOCOLS = ['chat.v2', 'chat.v1']; // the server's preference, best first

type Request = IncomingMessage & { context?: { customAttribute: string } };
type Handler = (socket: WebSocket, req: Request) => void;

/** Like Falcon's process_request_ws: runs before routing, for every handshake. */
function middleware(req: Request): void {
  req.context = { customAttribute: 'set_by_middleware' };
}

function echoForever(socket: WebSocket): void {
  socket.on('message', (data, isBinary) => {
    if (!isBinary) socket.send(`Server echoes: ${data.toString()}`);
  });
}

function sendMedia(socket: WebSocket, value: unknown): void {
  socket.send(JSON.stringify(value));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const chatRoom = (): Handler => {
  const clients = new Set<WebSocket>();
  return (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      for (const client of clients) if (client.readyState === WebSocket.OPEN) client.send(data.toString());
    });
  };
};

function routes(): Record<string, Handler> {
  const closing: Handler = (socket) => {
    socket.on('message', (data) => {
      const text = data.toString();
      if (text === 'trigger_server_close_event') socket.close(1000);
      else if (text === 'trigger_custom_error') socket.close(4001, 'Application-specific error');
      else socket.send(`Server echoes: ${text}`);
    });
  };
  const secure: Handler = (socket) => echoForever(socket);
  return {
    '/chat': (socket) => {
      socket.send('Welcome to the Chat Room!');
      echoForever(socket);
    },
    '/echo': (socket) => echoForever(socket),
    '/secure_chat': secure,
    '/secure_ws_endpoint': secure,
    '/binary_processor': (socket) => {
      socket.on('message', (data, isBinary) => {
        if (isBinary) socket.send(Buffer.from(data as Buffer).reverse(), { binary: true });
      });
    },
    '/json_echo': (socket) => {
      socket.on('message', (data) => {
        const parsed = parseJson(data.toString());
        if (parsed.ok) sendMedia(socket, parsed.value);
      });
    },
    '/timed_chat': closing,
    '/error_trigger_ws': closing,
    '/json_processor_ws': (socket) => {
      socket.on('message', (data) => {
        const parsed = parseJson(data.toString());
        sendMedia(socket, parsed.ok ? { received: parsed.value } : { error: 'Malformed JSON received' });
      });
    },
    '/auth_via_message_ws': (socket) => {
      let authenticated = false;
      socket.on('message', (data) => {
        const parsed = parseJson(data.toString());
        const message = (parsed.ok ? parsed.value : null) as Record<string, unknown> | null;
        if (!authenticated) {
          if (message?.type === 'auth' && message.token === SESSION_TOKEN) {
            authenticated = true;
            sendMedia(socket, { status: 'authenticated' });
          } else {
            sendMedia(socket, { status: 'unauthorized' });
            socket.close(4003, 'authentication required');
          }
        } else if (message?.type === 'action' && message.command === 'do_something_sensitive') {
          sendMedia(socket, { result: 'sensitive_action_completed' });
        } else {
          sendMedia(socket, { error: 'unknown action' });
        }
      });
    },
    '/chat_subprotocol': (socket) => echoForever(socket),
    '/ws_with_middleware': (socket, req) => {
      socket.send(`Attribute: ${req.context?.customAttribute}`);
      socket.close(1000);
    },
    '/no_reply_endpoint': () => {},
    '/chat_room': chatRoom(),
  };
}

function refuse(socket: NodeJS.WritableStream & { destroy(): void }, status: 403 | 404): void {
  const text = status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export default function createApp(): http.Server {
  const servers = Object.entries(routes()).map(([path, handler]) => {
    const wss = new WebSocketServer({
      noServer: true,
      path,
      // Like Falcon's accept(subprotocol=None), the other routes select no subprotocol.
      handleProtocols: (offered: Set<string>) =>
        path === '/chat_subprotocol' ? (SUPPORTED_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false) : false,
    });
    wss.on('connection', (socket: WebSocket, req: Request) => handler(socket, req));
    return wss;
  });

  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only');
  });

  server.on('upgrade', (req: Request, socket, head) => {
    socket.on('error', () => {}); // a client that resets a refused handshake is no error of ours
    middleware(req);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/reject') return refuse(socket, 403);
    if ((pathname === '/secure_chat' || pathname === '/secure_ws_endpoint') && req.headers['x-auth-token'] !== VALID_TOKEN) {
      return refuse(socket, 403);
    }
    const wss = servers.find((candidate) => candidate.shouldHandle(req));
    if (!wss) return refuse(socket, 404);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return server;
}
