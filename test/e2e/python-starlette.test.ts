/**
 * The real CLI against test/apps/python/starlette_app.py: WebSocketRoute and
 * WebSocketEndpoint, param convertors, a Mount and a Mount > Router > Mount nest.
 */
import { pythonAppSuite } from './helpers/python-suite.js';

pythonAppSuite({
  framework: 'starlette',
  spec: 'starlette_app:app',
  seed: 11,
  passing: [
    '/ws/echo',
    '/ws/counter/{n:int}',
    '/ws/ratio/{x:float}',
    '/ws/things/{thing_id:uuid}',
    '/chat/rooms/{room:str}',
    '/nested/deeper/files/{rest:path}',
  ],
  traces: {
    json: ['json.decoder.JSONDecodeError', 'in bug_json'],
    binary: ["KeyError: 'text'", 'in bug_binary'],
    long: ['ValueError: tag name too long: 9 > 8'],
    handshake: ['RuntimeError: session store unavailable', 'in bug_handshake'],
    chat: ['WebSocketDisconnected', 'in bug_chat'],
  },
});
