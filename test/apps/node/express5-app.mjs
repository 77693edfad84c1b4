/**
 * Express 5 + express-ws as an ES module that starts its own server (`app.listen(3000)`)
 * and exports the app too, as apps that are also imported by their tests do.
 *
 * route          behaviour                                          verdict (errorType, minimal sequence)
 * /chat          echoes every message                               passed
 * /rooms/:room   "[room] text"; JSON commands parsed without guard  server_error, [text ""]
 */
import express from 'express';
import expressWs from 'express-ws';

const app = express();
const wsInstance = expressWs(app);

app.ws('/chat', (ws) => {
  ws.on('message', (msg) => ws.send(msg));
});

const rooms = express.Router();
wsInstance.applyTo(rooms);
rooms.ws('/:room', (ws, req) => {
  ws.on('message', (msg) => {
    if (typeof msg !== 'string') return;
    const { text } = JSON.parse(msg);
    ws.send(`[${req.params.room}] ${text}`);
  });
});
app.use('/rooms', rooms);

app.listen(3000, () => {
  console.log('listening on http://localhost:3000');
});

export default app;
