/**
 * The real CLI against test/apps/python/litestar_app.py: @websocket handlers and a
 * websocket_listener, typed params (str, int, uuid, path) and a Router prefix.
 */
import { pythonAppSuite } from './helpers/python-suite.js';

pythonAppSuite({
  framework: 'litestar',
  spec: 'litestar_app:app',
  seed: 13,
  passing: ['/ws/echo', '/api/v1/rooms/{room_id:str}', '/api/v1/counter/{n:int}', '/api/v1/items/{item_id:uuid}', '/files/{file_path:path}'],
  traces: {
    json: ['json.decoder.JSONDecodeError', 'in bug_json'],
    binary: ["KeyError: 'text'", 'in bug_binary'],
    long: ['ValueError: tag name too long: 9 > 8'],
    handshake: ['RuntimeError: session store unavailable', 'in bug_handshake'],
    chat: ['WebSocketDisconnect', 'in bug_chat'],
  },
});
