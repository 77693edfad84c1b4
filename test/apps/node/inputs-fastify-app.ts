/**
 * Fastify + @fastify/websocket app behind a session cookie and an API key header, as
 * the @fastify/websocket README guards a route: a `preValidation` hook that answers 401
 * before the upgrade. The credentials come from the environment (WSR_SESSION,
 * WSR_API_KEY); the app echoes the session back and puts it in its errors, so a tool
 * that prints what the app says must scrub it.
 *
 * route          without cookie + header     with both
 * /ws/account    401 (handshake_rejected)    server_error: JSON.parse of a text that is not JSON
 *                                            throws (the message names the session)
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const app = Fastify();
await app.register(websocket);

function cookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

app.register(async (f) => {
  f.addHook('preValidation', async (request, reply) => {
    const session = cookies(request.headers.cookie).session;
    if (request.headers['x-api-key'] !== process.env.WSR_API_KEY || !session || session !== process.env.WSR_SESSION) {
      await reply.code(401).send('not authenticated');
    }
  });

  f.get('/ws/account', { websocket: true }, (socket, req) => {
    const session = cookies(req.headers.cookie).session!;
    socket.send(JSON.stringify({ type: 'welcome', session }));
    socket.on('message', (data) => {
      let transfer: { amount: number };
      try {
        transfer = JSON.parse(data.toString());
      } catch {
        // The planted bug: the error names the session, and nothing catches it.
        throw new Error(`session ${session}: a transfer must be JSON`);
      }
      socket.send(JSON.stringify({ ok: true, amount: Number(transfer?.amount) || 0 }));
    });
  });
});

export default app;
