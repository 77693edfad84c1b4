/**
 * A hand-rolled WebSocket server (no library: the upgrade, framing and masking
 * written out as small projects sometimes do), to get close handshakes wrong in
 * ways `ws` never would. The server routes upgrades itself: name the paths with
 * --ws-include.
 *
 * route              behaviour                                                     verdict
 * /ws/close-ok       answers a close with the same code (RFC 6455 section 5.5.1)  passed
 * /ws/close-ignored  answers pings, ignores close frames: our close never ends     shutdown_error (close not completed)
 * /ws/close-strict   only knows 1000: answers any other close code with 1002       shutdown_error with 1001; passed with [1000]
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';

type CloseAnswer = (code: number | undefined) => number | 'ignore';

const ROUTES: Record<string, CloseAnswer> = {
  '/ws/close-ok': (code) => code ?? 1000,
  '/ws/close-ignored': () => 'ignore',
  '/ws/close-strict': (code) => (code === undefined || code === 1000 ? 1000 : 1002),
};

function frame(opcode: number, payload: Buffer): Buffer {
  if (payload.length > 125) throw new Error('control and test frames here stay short');
  return Buffer.concat([Buffer.from([0x80 | opcode, payload.length]), payload]);
}

/** Reads client frames (masked, RFC 6455 section 5.2) as they arrive and calls onFrame for each. */
function readFrames(socket: Duplex, onFrame: (opcode: number, payload: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      let len = buf[1]! & 0x7f;
      let at = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        at = 10;
      }
      if (buf.length < at + 4 + len) return;
      const mask = buf.subarray(at, at + 4);
      const payload = Buffer.from(buf.subarray(at + 4, at + 4 + len));
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      const opcode = buf[0]! & 0x0f;
      buf = buf.subarray(at + 4 + len);
      onFrame(opcode, payload);
    }
  });
}

const server = http.createServer((_req, res) => res.writeHead(426).end());

server.on('upgrade', (req, socket) => {
  socket.on('error', () => {});
  const answer = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
  const key = req.headers['sec-websocket-key'];
  if (!answer || typeof key !== 'string') return socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  readFrames(socket, (opcode, payload) => {
    if (opcode === 0x9) socket.write(frame(0xa, payload)); // ping -> pong
    if (opcode !== 0x8) return; // data frames are read and dropped
    const code = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
    const reply = answer(code);
    if (reply === 'ignore') return;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(reply);
    socket.end(frame(0x8, body));
  });
});

export default server;
