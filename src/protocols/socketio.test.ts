import { describe, expect, test } from 'vitest';
import { isErrorAnswer, isWsExceptionFrame } from './error-answer.js';
import { isSocketIoErrorAnswer } from './socketio.js';

describe('error answers (error-answer.ts)', () => {
  test('error-shaped objects the app sends on purpose', () => {
    for (const v of [
      { error: 'room is full' },
      { status: 'Bad Request', error: { details: [] } }, // the Socket.IO docs' validation answer
      { errors: [{ message: 'x' }] },
      { status: 'error', message: 'Invalid room' },
      { status: 'fail', data: { room: 'required' } }, // JSend
      { ok: false, reason: 'taken' },
      { success: false },
      { name: 'BadRequest', message: 'Invalid data', code: 400, className: 'bad-request', errors: {} }, // Feathers
      { message: 'not found', code: 404 },
      { message: 'x', stack: 'Error: x\n    at f (a.js:1:1)' },
    ]) {
      expect(isErrorAnswer(v), JSON.stringify(v)).toBe(true);
    }
  });

  test('data, and errors that say the server failed, are not', () => {
    for (const v of [
      null,
      'error',
      ['error'],
      { message: 'hello' }, // a chat message
      { status: 'ok', room: 'a' },
      { error: null, data: 1 },
      { error: false },
      { ok: true },
      { status: 'error', message: 'Internal server error' }, // Nest's answer to an exception it did not expect
      { name: 'GeneralError', message: 'boom', code: 500, className: 'general-error' },
      { error: 'db down', statusCode: 503 },
      { error: 'Internal Server Error' },
    ]) {
      expect(isErrorAnswer(v), JSON.stringify(v)).toBe(false);
    }
  });
});

describe('Socket.IO handled errors', () => {
  test('an ack whose first argument is an error answer, in any namespace, binary acks too', () => {
    expect(isSocketIoErrorAnswer('430[{"status":"error","message":"Invalid room"}]')).toBe(true);
    expect(isSocketIoErrorAnswer('43/todos,12[{"error":"title is required"}]')).toBe(true);
    expect(isSocketIoErrorAnswer('461-/x,3[{"error":"too big"},{"_placeholder":true,"num":0}]')).toBe(true);
    // Feathers' Node-style callback: the error first, success as (null, result).
    expect(isSocketIoErrorAnswer('433[{"name":"NotFound","message":"No record","code":404,"className":"not-found"}]')).toBe(true);
    expect(isSocketIoErrorAnswer('433[null,{"id":1,"text":"hi"}]')).toBe(false);
    expect(isSocketIoErrorAnswer('430[{"status":"ok"}]')).toBe(false);
    expect(isSocketIoErrorAnswer('430[{"name":"GeneralError","message":"x","code":500,"className":"general-error"}]')).toBe(false);
  });

  test("Nest's exception event answers a WsException; its internal-error one does not; other events are data", () => {
    expect(isSocketIoErrorAnswer('42["exception",{"status":"error","message":"Invalid credentials"}]')).toBe(true);
    expect(isSocketIoErrorAnswer('42/chat,["exception",{"status":"error","message":"Forbidden"}]')).toBe(true);
    expect(isSocketIoErrorAnswer('42["exception",{"status":"error","message":"Internal server error"}]')).toBe(false);
    expect(isSocketIoErrorAnswer('42["exception",{"code":"ROOM_FULL"}]')).toBe(true); // new WsException({ code })
    expect(isSocketIoErrorAnswer('42["exception","x"]')).toBe(false);
    expect(isSocketIoErrorAnswer('42["chat message",{"error":"x"}]')).toBe(false);
    expect(isSocketIoErrorAnswer('2')).toBe(false);
    expect(isSocketIoErrorAnswer('40{"sid":"a"}')).toBe(false);
    expect(isSocketIoErrorAnswer(Buffer.from('430[{"error":"x"}]'))).toBe(false);
  });

  test("Nest's ws adapter spells the exception event as a JSON object", () => {
    expect(isWsExceptionFrame('{"event":"exception","data":{"status":"error","message":"Invalid room"}}')).toBe(true);
    expect(isWsExceptionFrame('{"event":"exception","data":{"status":"error","message":"Internal server error"}}')).toBe(false);
    expect(isWsExceptionFrame('{"event":"stored","data":{"error":"x"}}')).toBe(false);
    expect(isWsExceptionFrame('exception')).toBe(false);
  });
});
