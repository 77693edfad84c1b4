import { describe, expect, test } from 'vitest';
import { isVarOnly, parseCookie, parseHeader, parseQuery } from '../config/handshake-grammar.js';
import { handshakeInputs, parseAuth, withQuery } from './auth.js';
import { WsroutesError } from '../errors.js';

test('auth specs', () => {
  process.env.WSR_TEST_TOKEN = 's3cr3t';
  expect(parseAuth('bearer:$WSR_TEST_TOKEN').headers).toEqual({ Authorization: 'Bearer s3cr3t' });
  expect(parseAuth('header:X-Api-Key:${WSR_TEST_TOKEN}').headers).toEqual({ 'X-Api-Key': 's3cr3t' });
  expect(parseAuth('query:token:a:b').query).toEqual({ token: 'a:b' });
  expect(withQuery('/ws?x=1', { token: 'a b' })).toBe('/ws?x=1&token=a+b');
});

test('a bad spec names its kind, never its value', () => {
  expect(() => parseAuth('basic:hunter2')).toThrow(WsroutesError);
  try {
    parseAuth('basic:hunter2');
  } catch (e) {
    expect((e as Error).message).not.toContain('hunter2');
  }
});

test('each bad spec says what is wrong, and shows no secret', () => {
  const message = (spec: string): string => {
    try {
      parseAuth(spec);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  expect(message('bearer:')).toBe('--auth bearer: the token is empty; use bearer:TOKEN or bearer:$VAR');
  expect(message('header:Bad Name:v')).toBe('--auth header: "Bad Name" is not a valid header name');
  expect(message('header:X-Key:')).toBe('--auth header: the value of X-Key is empty');
  expect(message('query:token')).toBe('--auth query: expected query:NAME:VALUE');
  expect(message('header:X-Key:a\nb')).toMatch(/line break/);
  // No kind at all: the whole spec may be the token, so none of it is shown.
  expect(message('hunter2-token')).toMatch(/^--auth: the spec must start with bearer:, header: or query:/);
  expect(message('hunter2-token')).not.toContain('hunter2');
});

describe('handshake inputs', () => {
  const env = { TOK: 'tok-3f9a', SID: 'sid-77aa' };

  test('headers, cookies and query parameters, $VAR expanded; the secrets are the values', () => {
    const h = handshakeInputs(
      { auth: 'bearer:$TOK', headers: ['X-Api-Key: ${TOK}', 'x-api-key:two'], cookies: ['session=$SID', 'theme=dark'], query: ['token=a b'] },
      env,
    );
    expect(h.headers).toEqual({ Authorization: 'Bearer tok-3f9a', 'X-Api-Key': 'tok-3f9a, two', Cookie: 'session=sid-77aa; theme=dark' });
    expect(h.query).toEqual({ token: 'a b' });
    expect(h.secrets).toEqual(['tok-3f9a', 'two', 'sid-77aa', 'dark', 'a b']);
  });

  test('each $VAR and the parts of a credential are secrets of their own', () => {
    const basic = Buffer.from('alice-the-user:pw-9!x').toString('base64');
    const h = handshakeInputs({ headers: ['Authorization:Bearer $TOK', `X-Basic:Basic ${basic}`, 'X-Trace:${TOK}.${SID}'] }, env);
    expect(h.secrets).toEqual(expect.arrayContaining(['Bearer tok-3f9a', 'tok-3f9a', basic, 'alice-the-user:pw-9!x', 'pw-9!x', 'alice-the-user', 'sid-77aa']));
    // A Basic user name that is a common word is not a secret of its own; the password is.
    const admin = handshakeInputs({ headers: [`Authorization:Basic ${Buffer.from('admin:pw').toString('base64')}`] }, {});
    expect(admin.secrets).toContain('pw');
    expect(admin.secrets).not.toContain('admin');
  });

  test('a literal value under a plain --header or --query name is not a secret (it is printed); a cookie, or a credential name, is', () => {
    const plain = handshakeInputs(
      {
        query: ['encoding=json', 'page=1000', 'v=ab', 'tenant=acme-corp', 'account=12345678901'],
        headers: ['Origin:http://app.example'],
        cookies: ['lang=en'],
      },
      {},
    );
    expect(plain.secrets).toEqual(['en']);
    const named = handshakeInputs({ query: ['token=json', 'short=$S'], cookies: ['sid=1'] }, { S: 'x' });
    expect(named.secrets).toEqual(['1', 'json', 'x']);
  });

  test('the password of --url', () => {
    expect(handshakeInputs({ url: 'http://bob:p%40ss-word@127.0.0.1:1' }).secrets).toEqual(['p%40ss-word', 'p@ss-word']);
    expect(handshakeInputs({ url: 'http://127.0.0.1:1' }).secrets).toEqual([]);
  });

  test('malformed specs: one line each, never the value', () => {
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(WsroutesError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(message(() => parseCookie('hunter2'))).toBe('--cookie: expected NAME=VALUE (no "=" found)');
    expect(message(() => parseHeader('hunter2'))).toBe('--header: expected NAME:VALUE (no ":" found)');
    expect(message(() => parseHeader('Bad Name:hunter2'))).toMatch(/^--header: "Bad Name" is not a valid header name/);
    expect(message(() => parseHeader('X-A:hunter2\r\nX-B: y'))).toBe('--header X-A: the value holds a line break or NUL, which a header cannot carry');
    expect(message(() => parseQuery('=hunter2'))).toMatch(/^--query: "" is not a valid name/);
    expect(message(() => parseCookie('s=hunter2;x'))).toBe('--cookie s: the value holds ";", which ends a cookie');
    expect(message(() => handshakeInputs({ headers: ['X-A:$NOPE_UNSET_VAR'] }, {}))).toBe('--header X-A: $NOPE_UNSET_VAR is not set in the environment');
    expect(message(() => handshakeInputs({ headers: ['X-A:$NL'] }, { NL: 'a\nb' }))).toMatch(/line break/);
    expect(message(() => handshakeInputs({ cookies: ['s=<withheld>'] }, {}))).toMatch(/^--cookie s: the value was withheld/);
  });

  test('only-$VAR values may be shown as written', () => {
    expect(isVarOnly('$A')).toBe(true);
    expect(isVarOnly('${A}$B')).toBe(true);
    expect(isVarOnly('x$A')).toBe(false);
    expect(isVarOnly('')).toBe(false);
  });
});
