/**
 * The real CLI against test/apps/python/fastapi_app.py: @app.websocket, an APIRouter
 * prefix with a path param typed in the signature (`item_id: int`), a Starlette
 * convertor in a template, and a FastAPI sub-app mounted at /v2.
 */
import { pythonAppSuite } from './helpers/python-suite.js';

pythonAppSuite({
  framework: 'fastapi',
  spec: 'fastapi_app:app',
  seed: 12,
  passing: ['/ws/echo', '/api/items/{item_id:int}', '/api/rooms/{room:str}', '/api/ratio/{x:float}', '/v2/echo'],
  traces: {
    json: ['json.decoder.JSONDecodeError', 'in bug_json'],
    binary: ["KeyError: 'text'", 'in bug_binary'],
    long: ['ValidationError', 'String should have at most 8 characters'],
    handshake: ['RuntimeError: session store unavailable', 'in bug_handshake'],
    chat: ['WebSocketDisconnected', 'in bug_chat'],
  },
});
