/**
 * The real CLI against test/apps/python/falcon_app.py (falcon.asgi.App): resources with
 * on_websocket, field converters (int, uuid), and a suffixed responder
 * (`add_route(..., suffix="admin")` -> on_websocket_admin). /health has no
 * on_websocket and must not be listed.
 */
import { pythonAppSuite } from './helpers/python-suite.js';

pythonAppSuite({
  framework: 'falcon',
  spec: 'falcon_app:app',
  seed: 14,
  passing: ['/ws/echo', '/ws/items/{item_id:int}', '/ws/things/{thing_id:uuid}', '/ws/rooms/{name:str}', '/ws/rooms/{name:str}/admin'],
  traces: {
    json: ['json.decoder.JSONDecodeError', 'falcon_app.py'],
    binary: ['falcon.errors.PayloadTypeError', 'falcon_app.py'],
    long: ['ValueError: tag name too long: 9 > 8'],
    handshake: ['RuntimeError: session store unavailable', 'falcon_app.py'],
    chat: ['falcon.errors.WebSocketDisconnected', 'falcon_app.py'],
  },
});
