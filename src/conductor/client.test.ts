/**
 * WsClient against small in-test `ws` servers on port 0: each server misbehaves or
 * answers one way, so each behaviour of the client is seen on a real socket.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsClient } from './client.js';
import { ConductorError, DisconnectedError, HandshakeRejectedError, MediaDecodeError, MessageKindError, ReceiveTimeoutError } from './errors.js';

const servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server whose every connection runs `onConnection`; resolves with its ws:// URL. */
async function serve(
  onConnection: (socket: WebSocket) => void,
  opts: { handleProtocols?: (offered: Set<string>) => string | false; refuse?: { status: number; body: string } } = {},
): Promise<string> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: opts.handleProtocols });
  wss.on('connection', onConnection);
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {}); // a reset after a refusal is expected
    if (opts.refuse) {
      const { status, body } = opts.refuse;
      socket.end(`HTTP/1.1 ${status} Nope\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

describe('WsClient', () => {
  test('messages sent before a server close are still received, then DisconnectedError', async () => {
    const url = await serve((socket) => {
      socket.send('a');
      socket.send(Buffer.from([7]), { binary: true });
      socket.close(4000, 'bye');
    });
    const client = await WsClient.connect(url);
    await client.whenClosed;
    expect(await client.receiveText()).toBe('a');
    expect([...(await client.receiveData())]).toEqual([7]);
    const err = await client.receiveText().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DisconnectedError);
    expect(err).toMatchObject({ code: 4000, reason: 'bye' });
    expect(client.closeCode).toBe(4000);
    expect(client.closeReason).toBe('bye');
  });

  test('receives waiting at once get the messages in order', async () => {
    const url = await serve((socket) => socket.on('message', () => ['1', '2', '3'].forEach((m) => socket.send(m))));
    await using client = await WsClient.connect(url);
    const pending = [client.receiveText(), client.receiveText(), client.receiveText()];
    await client.sendText('go');
    expect(await Promise.all(pending)).toEqual(['1', '2', '3']);
  });

  test('a timed-out receive takes no message from later receives', async () => {
    const url = await serve((socket) => socket.on('message', (data) => socket.send(data.toString())));
    await using client = await WsClient.connect(url);
    await expect(client.receiveText({ timeout: 20 })).rejects.toBeInstanceOf(ReceiveTimeoutError);
    await client.sendText('late');
    expect(await client.receiveText()).toBe('late');
  });

  test('a receive of the other kind fails with MessageKindError and keeps the message', async () => {
    const url = await serve((socket) => socket.send(Buffer.from('bin'), { binary: true }));
    await using client = await WsClient.connect(url);
    const err = await client.receiveText().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageKindError);
    expect(String(err)).toContain('receiveData()');
    expect((await client.receiveData()).toString()).toBe('bin');
  });

  test('media as MessagePack: sent as a binary frame, a binary reply decoded', async () => {
    const url = await serve((socket) =>
      socket.on('message', (data, isBinary) => {
        const got = decode(data as Buffer) as { n: number };
        socket.send(encode({ binary: isBinary, n: got.n + 1 }), { binary: true });
      }),
    );
    await using client = await WsClient.connect(url, { media: 'msgpack' });
    await client.sendMedia({ n: 41 });
    expect(await client.receiveMedia()).toEqual({ binary: true, n: 42 });
  });

  test('receiveMedia on text that is not JSON fails with MediaDecodeError', async () => {
    const url = await serve((socket) => socket.send('{nope'));
    await using client = await WsClient.connect(url);
    await expect(client.receiveMedia()).rejects.toBeInstanceOf(MediaDecodeError);
  });

  test('a refused handshake carries the status and the body', async () => {
    const url = await serve(() => {}, { refuse: { status: 401, body: 'token required' } });
    const err = await WsClient.connect(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandshakeRejectedError);
    expect(err).toMatchObject({ status: 401, body: 'token required' });
  });

  test('a subprotocol the client did not offer fails the handshake', async () => {
    const url = await serve(() => {}, { handleProtocols: () => 'evil.v9' });
    const err = await WsClient.connect(url, { subprotocols: ['chat.v1'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConductorError);
    expect(String(err)).toContain('"evil.v9", which was not offered');
  });

  test('close() waits for the closing handshake and sends code and reason', async () => {
    const seen: Array<[number, string]> = [];
    const url = await serve((socket) => socket.on('close', (code, reason) => seen.push([code, reason.toString()])));
    const client = await WsClient.connect(url);
    await client.close(4100, 'done');
    expect(client.closed).toBe(true);
    expect(client.closeCode).toBe(4100);
    await client.close(); // a second close does nothing
    await expect.poll(() => seen).toEqual([[4100, 'done']]);
  });
});

describe('WsClient: bad input is a ConductorError, never a raw TypeError or a timer that fires at once', () => {
  test('a bad header name or a newline in a value', async () => {
    const url = await serve(() => {});
    await expect(WsClient.connect(url, { headers: { 'Bad Name': 'v' } })).rejects.toThrow(ConductorError);
    await expect(WsClient.connect(url, { headers: { 'X-Ok': 'a\r\nb' } })).rejects.toThrow(/bad handshake header "X-Ok"/);
  });

  test('timeouts that are not 1 .. 2^31-1 ms', async () => {
    const url = await serve(() => {});
    await expect(WsClient.connect(url, { handshakeTimeout: 3e12 })).rejects.toThrow(/handshakeTimeout must be a number of milliseconds/);
    await expect(WsClient.connect(url, { receiveTimeout: -1 })).rejects.toThrow(ConductorError);
    const client = await WsClient.connect(url);
    await expect(client.receiveText({ timeout: Number.NaN })).rejects.toThrow(/timeout must be a number of milliseconds .*got NaN/);
    await client.close();
  });

  test('close codes a client may not send, and an over-long reason', async () => {
    const url = await serve(() => {});
    const client = await WsClient.connect(url);
    await expect(client.close(99999)).rejects.toThrow(/close code 99999 cannot be sent/);
    await expect(client.close(1006)).rejects.toThrow(ConductorError);
    await expect(client.close(1000, 'x'.repeat(124))).rejects.toThrow(/at most 123 bytes/);
    expect(client.closed).toBe(false);
    await client.close(4000, 'bye');
    expect(client.closed).toBe(true);
  });
});
