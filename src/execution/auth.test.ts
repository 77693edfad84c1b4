import { expect, test } from 'vitest';
import { parseAuth, withQuery } from './auth.js';
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
