/**
 * Express 4 + express-ws, as the express-ws README writes it: CommonJS, `require('express-ws')(app)`,
 * routes on the app and on a Router, and `app.listen(3000)` at the end with nothing exported.
 * wsroutes captures the server the module starts (on a free port instead of 3000).
 * express-ws resolves Express 5 itself, so the Router gets `.ws` from `applyTo`.
 *
 * route              behaviour                                        verdict (errorType, minimal sequence)
 * /echo              echoes every message                             passed
 * /ws-stuff/echo     Router mounted at /ws-stuff, echoes              passed
 * /ws-stuff/parse    JSON.parse on every text message, no try/catch   server_error, [text ""]
 */
var express = require('express4');
var app = express();
var expressWs = require('express-ws')(app);

app.use(function (req, res, next) {
  req.testing = 'testing';
  return next();
});

app.get('/', function (req, res) {
  res.end('hello');
});

app.ws('/echo', function (ws, req) {
  ws.on('message', function (msg) {
    ws.send(msg);
  });
});

var router = express.Router();
expressWs.applyTo(router);

router.ws('/echo', function (ws, req) {
  ws.on('message', function (msg) {
    ws.send(msg);
  });
});

router.ws('/parse', function (ws, req) {
  ws.on('message', function (msg) {
    if (typeof msg !== 'string') return; // commands are JSON text
    var command = JSON.parse(msg);
    ws.send(JSON.stringify({ ok: true, command: command }));
  });
});

app.use('/ws-stuff', router);

app.listen(3000);
