/**
 * Express 5 test app with HTTP routes (issue 14, `--http`) on nested Routers, beside an
 * express-ws route, written as Express's routing guide writes apps.
 *
 * route                    behaviour                                               verdict
 * GET  /health             { ok: true }                                            passed
 * GET  /api/users          the users                                               passed
 * POST /api/users          express.json(); 400 without a name, else 201            passed
 * GET  /api/users/:id      ids are BigInt snowflakes: BigInt() throws a            server_error: SyntaxError (500), /api/users/a
 *                          SyntaxError on a non-numeric id; 404 for an unknown one
 * WS   /ws/echo            echoes                                                  passed
 */
import express from 'express';
import expressWs from 'express-ws';

interface User {
  id: bigint;
  name: string;
}

const { app } = expressWs(express());

const users: User[] = [{ id: 1n, name: 'ada' }];

const router = express.Router();

router.get('/', (_req, res) => {
  res.json(users.map((u) => ({ id: String(u.id), name: u.name })));
});

router.post('/', express.json(), (req, res) => {
  const name = (req.body as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || name === '') {
    res.status(400).json({ error: 'name is required' });
    return;
  }
  res.status(201).json({ id: String(users.length + 1), name });
});

router.get('/:id', function getUser(req, res) {
  const id = BigInt(req.params.id);
  const user = users.find((u) => u.id === id);
  if (!user) {
    res.status(404).json({ error: 'no such user' });
    return;
  }
  res.json({ id: String(user.id), name: user.name });
});

const api = express.Router();
api.use('/users', router);
app.use('/api', api);

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

app.ws('/ws/echo', (socket) => {
  socket.on('message', (data) => socket.send(data));
});

export default app;
