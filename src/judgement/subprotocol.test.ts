import { expect, test } from 'vitest';
import type { Transcript } from '../execution/transcript.js';
import { checkSubprotocol } from './subprotocol.js';

const base: Transcript = {
  url: '/ws',
  offeredSubprotocols: ['chat', 'json'],
  handshake: { outcome: 'accepted', subprotocol: 'chat', ms: 1 },
  messages: [],
  sentCount: 0,
  ackedCount: 0,
  received: { count: 0, bytes: 0 },
  serverTraces: [],
  elapsedMs: 1,
};

test('an offered selection, or none when not required, passes', () => {
  expect(checkSubprotocol(base)).toBeUndefined();
  expect(checkSubprotocol({ ...base, handshake: { outcome: 'accepted', subprotocol: '', ms: 1 } })).toBeUndefined();
});

test('a selection the client did not offer names it and the offer', () => {
  const t: Transcript = { ...base, selectedSubprotocol: 'soap', handshake: { outcome: 'error', error: 'Server sent an invalid subprotocol', ms: 1 } };
  expect(checkSubprotocol(t)).toMatchObject({
    errorType: 'subprotocol_violation',
    messageIndex: null,
    message: 'Server selected subprotocol "soap", which the client did not offer (offered: chat, json)',
  });
});

test('none selected when a rule requires one', () => {
  const t: Transcript = { ...base, subprotocolRequired: true, handshake: { outcome: 'accepted', subprotocol: '', ms: 1 } };
  expect(checkSubprotocol(t)?.message).toBe('Server selected no subprotocol, though one of chat, json is required');
});
