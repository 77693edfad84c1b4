import { describe, expect, test } from 'vitest';
import { isWsroutesError } from '../errors.js';
import { nearestKey } from './nearest.js';
import { validateConfig } from './validate.js';

/** The one-line message of the CONFIG error `raw` raises. */
function problem(raw: unknown): string {
  try {
    validateConfig(raw, 'wsroutes.config.json');
  } catch (e) {
    if (isWsroutesError(e) && e.code === 'CONFIG') return e.message;
    throw e;
  }
  throw new Error('expected a CONFIG error');
}

describe('validateConfig', () => {
  test('a valid config comes back as it is', () => {
    const config = { app: 'app.ts', maxMessages: 3, connectionTimeout: 0.5, testCloseCodes: [1001], routes: [{ pattern: '/ws/*', skip: true }] };
    expect(validateConfig(config, 'x')).toEqual(config);
  });

  test('an unknown key names the nearest known key', () => {
    expect(problem({ maxMesages: 3 })).toBe('wsroutes.config.json: unknown key maxMesages (did you mean maxMessages?)');
    expect(problem({ max_messages: 3 })).toBe('wsroutes.config.json: unknown key max_messages (did you mean maxMessages?)');
    expect(problem({ websocket: { enabled: false } })).toMatch(/^wsroutes\.config\.json: unknown key websocket \(known keys: app, url, /);
  });

  test('an unknown key inside a list entry names its path, and beats the missing key it explains', () => {
    expect(problem({ routes: [{ pattern: '/a' }, { patern: '/ws/*' }] })).toBe(
      'wsroutes.config.json: unknown key routes[1].patern (did you mean pattern?) (and 1 more problem)',
    );
  });

  test('a wrong type names the key, what it must be and what it got', () => {
    expect(problem({ maxMessages: 'ten' })).toBe('wsroutes.config.json: maxMessages must be a whole number from 1 to 1000 (got "ten")');
    expect(problem({ maxExamples: 0 })).toBe('wsroutes.config.json: maxExamples must be a whole number from 1 to 1000000 (got 0)');
    expect(problem({ connectionTimeout: -1 })).toBe(
      'wsroutes.config.json: connectionTimeout must be a number of seconds above 0 and at most 86400 (a day) (got -1)',
    );
    expect(problem({ include: '/ws/*' })).toBe('wsroutes.config.json: include must be a list of route globs, e.g. ["/ws/*"] (got "/ws/*")');
    expect(problem({ testCloseCodes: [1000, 1005] })).toBe(
      'wsroutes.config.json: testCloseCodes[1] must be a close code: 1000-1003, 1007-1014 or 3000-4999 (got 1005)',
    );
    expect(problem({ routes: [{ pattern: '/ws/*', skip: 'yes' }] })).toBe('wsroutes.config.json: routes[0].skip must be true or false (got "yes")');
    expect(problem({ auth: 'hunter2' })).toBe('wsroutes.config.json: auth must be bearer:TOKEN, header:NAME:VALUE or query:NAME:VALUE (got a value not shown)');
  });

  test('not an object at all', () => {
    expect(problem([])).toBe('wsroutes.config.json: the config must be an object of wsroutes options (got [])');
    expect(problem(null)).toBe('wsroutes.config.json: the config must be an object of wsroutes options (got null)');
  });

  test('the message is one line', () => {
    expect(problem({ maxMessages: 'a\nb', seed: 'x', nope: 1 })).not.toContain('\n');
  });
});

describe('nearestKey', () => {
  const keys = ['maxExamples', 'maxMessages', 'maxMessageSize', 'include', 'exclude'];
  test('a typo, a case change or another spelling of the same words', () => {
    expect(nearestKey('maxExampels', keys)).toBe('maxExamples');
    expect(nearestKey('MAX_EXAMPLES', keys)).toBe('maxExamples');
    expect(nearestKey('includ', keys)).toBe('include');
  });
  test('nothing close: no hint', () => {
    expect(nearestKey('framework', keys)).toBeUndefined();
  });
});

describe('the inputs real clients send', () => {
  test('headers, cookies, query, prelude and messageKinds', () => {
    expect(
      validateConfig({ headers: ['X-A:$A'], cookies: ['s=$S'], query: ['t=1'], prelude: ['hi', { type: 'login' }, [1]], messageKinds: ['text'] }, 'c.json'),
    ).toMatchObject({ headers: ['X-A:$A'], prelude: ['hi', { type: 'login' }, [1]] });
  });

  test('a malformed one names the key, never the value', () => {
    const message = (raw: unknown): string => {
      try {
        validateConfig(raw, 'c.json');
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(message({ cookies: ['hunter2'] })).toBe('c.json: cookies[0] must be NAME=VALUE (got a value not shown)');
    expect(message({ headers: ['Bad Name:hunter2'] })).toBe('c.json: headers[0] must be NAME:VALUE (got a value not shown)');
    expect(message({ messageKinds: ['binary'] })).toMatch(/^c\.json: messageKinds\[0\] must be/);
  });
});
