/**
 * Every example of the Falcon testing guide (sections 4 and 5), written with the Conductor
 * and run against the real Falcon app (over the uvicorn bridge) and its Node twin: the
 * same suite, the same answers. Receives use a timeout only as a bound on waiting;
 * nothing here asserts on timing, except that a silent route does time out.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Conductor, DisconnectedError, everyClient, HandshakeRejectedError, MessageKindError, ReceiveTimeoutError } from '../../src/index.js';

const TARGETS = [
  { name: 'Falcon app (uvicorn bridge)', options: { app: 'falcon_conductor_app:app', appDir: 'test/apps/python' } },
  { name: 'Node twin app', options: { app: 'test/apps/node/falcon-twin-app.ts' } },
];

describe.each(TARGETS)('$name', ({ options }) => {
  let conductor: Conductor;
  beforeAll(async () => {
    conductor = await Conductor.start(options);
  });
  afterAll(async () => {
    await conductor?.stop();
  });

  describe('4.2 connection', () => {
    test('accepts a connection', async () => {
      await using client = await conductor.simulateWs('/chat');
      expect(client.closed).toBe(false);
    });

    test('close before accept rejects the handshake with 403', async () => {
      const err = await conductor.simulateWs('/reject').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HandshakeRejectedError);
      expect((err as HandshakeRejectedError).status).toBe(403);
    });

    test('HTTPForbidden before accept (no token) rejects the handshake with 403', async () => {
      await expect(conductor.simulateWs('/secure_chat', { headers: { 'X-Client-Version': '1.0' } })).rejects.toMatchObject({
        name: 'HandshakeRejectedError',
        status: 403,
      });
    });
  });

  describe('4.3 message exchange', () => {
    test('the server echoes a text message', async () => {
      await using client = await conductor.simulateWs('/echo');
      const message = 'Hello, WebSocket Server!';
      await client.sendText(message);
      expect(await client.receiveText({ timeout: 5000 })).toBe(`Server echoes: ${message}`);
    });

    test('the server greets on connect', async () => {
      await using client = await conductor.simulateWs('/chat');
      expect(await client.receiveText()).toBe('Welcome to the Chat Room!');
    });
  });

  describe('4.4 payload types', () => {
    test('binary exchange', async () => {
      await using client = await conductor.simulateWs('/binary_processor');
      await client.sendData(Uint8Array.from([1, 2, 3, 4, 5]));
      expect([...(await client.receiveData())]).toEqual([5, 4, 3, 2, 1]);
    });

    test('media (JSON) exchange', async () => {
      await using client = await conductor.simulateWs('/json_echo');
      const payload = { type: 'command', action: 'start', params: { speed: 3, tags: ['a', 'ü'] } };
      await client.sendMedia(payload);
      expect(await client.receiveMedia()).toEqual(payload);
    });

    test('a receive of the wrong kind says so and keeps the message', async () => {
      await using client = await conductor.simulateWs('/chat');
      await expect(client.receiveData()).rejects.toBeInstanceOf(MessageKindError);
      expect(await client.receiveText()).toBe('Welcome to the Chat Room!');
    });
  });

  describe('4.5 closure', () => {
    test('client-initiated close', async () => {
      const client = await conductor.simulateWs('/chat');
      expect(client.closed).toBe(false);
      expect(await client.receiveText()).toBe('Welcome to the Chat Room!');
      await client.sendText('A quick message before closing.');
      // Waited for, since a server may drop a reply it owes once our close is under way.
      expect(await client.receiveText()).toBe('Server echoes: A quick message before closing.');
      await client.close(1000, 'Client finished interaction');
      expect(client.closed).toBe(true);
      expect(client.closeCode).toBe(1000);
      await expect(client.receiveText()).rejects.toBeInstanceOf(DisconnectedError);
      await expect(client.sendText('too late')).rejects.toBeInstanceOf(DisconnectedError);
    });

    test('server-initiated close: the next receive throws DisconnectedError', async () => {
      await using client = await conductor.simulateWs('/timed_chat');
      await client.sendText('trigger_server_close_event');
      const err = await client.receiveText({ timeout: 5000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DisconnectedError);
      expect((err as DisconnectedError).code).toBe(1000);
      expect(client.closed).toBe(true);
    });
  });

  describe('5.1 error handling', () => {
    test('server closes with 4001 and a reason', async () => {
      await using client = await conductor.simulateWs('/error_trigger_ws');
      await client.sendText('trigger_custom_error');
      await expect(client.receiveText()).rejects.toMatchObject({ name: 'DisconnectedError', code: 4001, reason: 'Application-specific error' });
      expect(client.closed).toBe(true);
      expect(client.closeCode).toBe(4001);
      expect(client.closeReason).toBe('Application-specific error');
    });

    test('a pending receive fails when the server closes', async () => {
      await using client = await conductor.simulateWs('/error_trigger_ws');
      const pending = client.receiveText();
      await client.sendText('trigger_custom_error');
      await expect(pending).rejects.toMatchObject({ code: 4001 });
    });

    test('malformed JSON gets an error message and the connection stays open', async () => {
      await using client = await conductor.simulateWs('/json_processor_ws');
      await client.sendText("{'this_is_not_valid_json': ");
      expect(await client.receiveMedia()).toEqual({ error: 'Malformed JSON received' });
      await client.sendMedia({ ok: 1 });
      expect(await client.receiveMedia()).toEqual({ received: { ok: 1 } });
      expect(client.closed).toBe(false);
    });
  });

  describe('5.2 authentication', () => {
    test('handshake auth: a valid token is accepted', async () => {
      await using client = await conductor.simulateWs('/secure_ws_endpoint', { headers: { 'X-Auth-Token': 'secret-token-123' } });
      expect(client.closed).toBe(false);
      await client.sendText('hi');
      expect(await client.receiveText()).toBe('Server echoes: hi');
    });

    test('handshake auth: an invalid token is rejected with 403', async () => {
      await expect(conductor.simulateWs('/secure_ws_endpoint', { headers: { 'X-Auth-Token': 'invalid-token-000' } })).rejects.toMatchObject({ status: 403 });
    });

    test('message auth: the first message authenticates, then actions work', async () => {
      await using client = await conductor.simulateWs('/auth_via_message_ws');
      await client.sendMedia({ type: 'auth', token: 'session-specific-token' });
      expect(await client.receiveMedia()).toMatchObject({ status: 'authenticated' });
      await client.sendMedia({ type: 'action', command: 'do_something_sensitive' });
      expect(await client.receiveMedia()).toMatchObject({ result: 'sensitive_action_completed' });
    });

    test('message auth: a wrong first message is refused and the connection closed', async () => {
      await using client = await conductor.simulateWs('/auth_via_message_ws');
      await client.sendMedia({ type: 'action', command: 'do_something_sensitive' });
      expect(await client.receiveMedia()).toEqual({ status: 'unauthorized' });
      await expect(client.receiveMedia()).rejects.toMatchObject({ code: 4003 });
    });
  });

  describe('5.3 middleware', () => {
    test('the state a middleware sets is visible to the handler', async () => {
      await using client = await conductor.simulateWs('/ws_with_middleware');
      expect(await client.receiveText()).toBe('Attribute: set_by_middleware');
      await expect(client.receiveText()).rejects.toMatchObject({ code: 1000 });
    });
  });

  describe('5.4 subprotocols', () => {
    test('the server selects one of the offered subprotocols', async () => {
      await using client = await conductor.simulateWs('/chat_subprotocol', { subprotocols: ['chat.v1', 'chat.v2', 'legacy.chat'] });
      expect(client.subprotocol).toBe('chat.v2');
    });

    test('with none it supports, the server accepts without a subprotocol', async () => {
      await using client = await conductor.simulateWs('/chat_subprotocol', { subprotocols: ['unsupported.protocol'] });
      expect(client.subprotocol).toBeUndefined();
      await client.sendText('still here');
      expect(await client.receiveText()).toBe('Server echoes: still here');
    });
  });

  describe('5.5 several clients', () => {
    test('a message to the chat room reaches every client', async () => {
      await using room = await conductor.simulateWsMany('/chat_room', 3);
      await room.at(0).sendText('hello, all');
      expect(await room.receiveTextAll()).toEqual(['hello, all', 'hello, all', 'hello, all']);
      await room.at(2).sendText('bye');
      expect(await everyClient(room, (c) => c.receiveText())).toEqual(['bye', 'bye', 'bye']);
    });
  });

  describe('6.6 timeouts', () => {
    test('a receive on a silent route times out', async () => {
      await using client = await conductor.simulateWs('/no_reply_endpoint');
      await client.sendText('anyone?');
      const err = await client.receiveText({ timeout: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReceiveTimeoutError);
      expect((err as ReceiveTimeoutError).timeoutMs).toBe(100);
      expect(client.closed).toBe(false);
    });
  });
});
