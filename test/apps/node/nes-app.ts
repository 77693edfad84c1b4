/**
 * A hapi server with @hapi/nes, as nes' README writes one: a route called through the
 * socket, a subscription, and custom messages (`onMessage`), started at import.
 *
 * nes speaks on `/`; its messages:
 * request GET /h     'world!'                                                      passes
 * sub /items         subscription                                                  passes
 * message            `onMessage` trims `message.text` to echo it: a message that    server_error (uncaught: nes
 *                    is not an object with a string `text` throws a TypeError,     rethrows a TypeError, the
 *                    which nes rethrows out of its message listener                rejection escapes)
 */
import Hapi from '@hapi/hapi';
import Nes from '@hapi/nes';

const start = async (): Promise<void> => {
  const server = Hapi.server({ port: 8000 });
  await server.register({
    plugin: Nes,
    options: {
      onMessage: async (_socket: unknown, message: unknown) => {
        const { text } = message as { text: string };
        return { echo: text.trim() };
      },
    },
  });

  server.subscription('/items');
  server.route({
    method: 'GET',
    path: '/h',
    options: {
      id: 'hello',
      handler: (_request, _h) => 'world!',
    },
  });

  await server.start();
  server.publish('/items', { id: 5, status: 'complete', updater: 'john' });
};

start();
