import { describe, expect, test } from 'vitest';
import { skipReasonFor, handshakeRejectedHint } from './skip-reason.js';

describe('skipReasonFor: what the close said', () => {
  test('code, reason, how many messages were read, and whether the server answered', () => {
    expect(skipReasonFor({ closeCode: 1005, closeReason: '', afterReading: 1 })).toMatch(
      /^every connection was closed with 1005 \(no status\) after reading 1 message, with no answer; /,
    );
    expect(skipReasonFor({ closeCode: 1008, closeReason: 'login first', afterReading: 1 })).toMatch(
      /^every connection was closed with 1008 \(login first\) after reading 1 message, with no answer; .*--ws-prelude/,
    );
    expect(skipReasonFor({ closeCode: 4000, closeReason: '' }, { received: 2 })).toMatch(
      /^every connection was closed with 4000 before any message was read, after sending 2 messages; /,
    );
    expect(skipReasonFor({ closeCode: 1000, closeReason: 'bye' })).toMatch(/^every connection was closed with 1000 \(bye\) before any message was read; /);
  });
});

describe('skipReasonFor: the option that would help', () => {
  test('a subprotocol: no protocol selected and 1002/4406, or a reason naming it', () => {
    const rule = /the route may require a subprotocol: add a `subprotocols` rule to the config/;
    expect(skipReasonFor({ closeCode: 4406, closeReason: 'Subprotocol not acceptable' }, { selectedSubprotocol: '' })).toMatch(rule);
    expect(skipReasonFor({ closeCode: 1002, closeReason: '' }, { selectedSubprotocol: '' })).toMatch(rule);
    expect(skipReasonFor({ closeCode: 1008, closeReason: 'Sec-WebSocket-Protocol chat.v2 required' })).toMatch(rule);
    expect(skipReasonFor({ closeCode: 4000, closeReason: 'unsupported subprotocol' })).toMatch(rule);
  });

  test('a selected subprotocol rules out the subprotocol hint for 1002', () => {
    expect(skipReasonFor({ closeCode: 1002, closeReason: '' }, { selectedSubprotocol: 'chat' })).not.toMatch(/subprotocols/);
  });

  test('a cookie: a reason naming a cookie or a session', () => {
    for (const closeReason of ['missing session', 'no cookie']) {
      expect(skipReasonFor({ closeCode: 1008, closeReason })).toMatch(/the route may require a session cookie: --cookie NAME=VALUE$/);
    }
  });

  test('credentials: the auth codes, or a reason naming auth, before any message', () => {
    for (const closeCode of [4001, 4003, 4401, 4403]) {
      const why = skipReasonFor({ closeCode, closeReason: '' }, { selectedSubprotocol: '' });
      expect(why).toMatch(/the route may require one of: credentials: --auth bearer:TOKEN .*--header, --cookie or --query; a session cookie/);
      expect(why).not.toMatch(/subprotocol/);
    }
    expect(skipReasonFor({ closeCode: 1008, closeReason: '' }, { selectedSubprotocol: '' })).toMatch(
      /one of: credentials: .*; a session cookie: .*; a subprotocol: /,
    );
    expect(skipReasonFor({ closeCode: 4000, closeReason: 'Unauthorized' })).toMatch(/one of: credentials: .*; a login message first: --ws-prelude MESSAGE$/);
  });

  test('a login message: refused right after reading our first message', () => {
    expect(skipReasonFor({ closeCode: 4401, closeReason: '', afterReading: 1 })).toMatch(/one of: a login message first: --ws-prelude MESSAGE; credentials: /);
    expect(skipReasonFor({ closeCode: 1008, closeReason: 'please log in', afterReading: 1 })).toMatch(
      /one of: a login message first: --ws-prelude MESSAGE; credentials: /,
    );
  });

  test('no clue: every option', () => {
    expect(skipReasonFor({ closeCode: 1000, closeReason: '' })).toMatch(
      /one of: credentials: .*; a session cookie: .*; a login message first: .*; a subprotocol: /,
    );
  });

  test('what the user already gave, and did not get through', () => {
    expect(skipReasonFor({ closeCode: 4401, closeReason: '' }, { credentials: true })).toMatch(/\(the credentials given did not get through\)$/);
    expect(skipReasonFor({ closeCode: 4401, closeReason: '', afterReading: 1 }, { credentials: true, prelude: true })).toMatch(
      /\(the credentials given and the --ws-prelude messages did not get through\)$/,
    );
    expect(skipReasonFor({ closeCode: 4406, closeReason: '' }, { credentials: true })).not.toMatch(/did not get through/);
  });
});

describe('the hint of a refused upgrade names what the status says', () => {
  test('404, 405, 410: no such route; 403: the Origin or credentials; 400, 426: a subprotocol or header; else credentials', () => {
    expect(handshakeRejectedHint(404)).toMatch(/^the server has no WebSocket route at this URL \(HTTP 404\): check the path/);
    expect(handshakeRejectedHint(405)).not.toMatch(/credentials/);
    expect(handshakeRejectedHint(403)).toMatch(/it may check the Origin .*--header Origin:URL.*; if the route needs credentials, pass them with --auth/);
    expect(handshakeRejectedHint(426)).toMatch(/a `subprotocols` rule/);
    expect(handshakeRejectedHint(401)).toBe(
      'the server refused the upgrade; if the route needs credentials, pass them with --auth bearer:TOKEN (or header:NAME:VALUE, query:NAME:VALUE), --header NAME:VALUE, --cookie NAME=VALUE or --query NAME=VALUE',
    );
  });
});
