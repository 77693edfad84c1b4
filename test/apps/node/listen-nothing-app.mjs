/**
 * Bad input: a module that exports nothing and starts nothing (the author forgot the
 * `app.listen()`), so there is no app to test.
 */
import express from 'express';
import expressWs from 'express-ws';

const app = express();
expressWs(app);
app.ws('/echo', (ws) => ws.on('message', (msg) => ws.send(msg)));
