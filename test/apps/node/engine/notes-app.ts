/**
 * Fastify notes service with two front doors, an HTTP route and a WebSocket route, written
 * as Fastify's docs write routes (a body schema) and @fastify/websocket's (a handler per
 * socket). Both share one bug that needs an earlier note: an empty note repeats the last
 * one, and a repeat bumps `last.meta.repeats`, but only imported notes have `meta`. On a
 * fresh server an empty note is answered "nothing to repeat"; after any note it crashes.
 *
 * route               behaviour                                                   verdict
 * POST /notes         body { text: string }; 201 with the note                    server_error: TypeError, after one earlier note (history)
 * GET  /ws/notes      each text message is a note; answers with the note as JSON   server_error: TypeError, after one earlier note (history)
 */
import websocket from '@fastify/websocket';
import Fastify from 'fastify';

interface Note {
  id: number;
  text: string;
  meta?: { repeats: number };
}

const notes: Note[] = [];

function addNote(text: string): Note | { error: string } {
  if (text === '') {
    const last = notes.at(-1);
    if (!last) return { error: 'nothing to repeat' };
    last.meta!.repeats++;
    return last;
  }
  const note = { id: notes.length + 1, text };
  notes.push(note);
  return note;
}

const fastify = Fastify();
await fastify.register(websocket);

fastify.post<{ Body: { text: string } }>(
  '/notes',
  {
    schema: {
      body: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string', maxLength: 20 } },
      },
    },
  },
  async function createNote(request, reply) {
    const note = addNote(request.body.text);
    return reply.code('error' in note ? 400 : 201).send(note);
  },
);

fastify.get('/ws/notes', { websocket: true }, (socket) => {
  socket.on('message', (data) => {
    socket.send(JSON.stringify(addNote(data.toString())));
  });
});

export default fastify;
