import { describe, expect, test } from 'vitest';
import { redactDeep, redactor } from './redact.js';

describe('redactor', () => {
  const redact = redactor(['s3cret/+ token', 'abc', 'tok-1234']);

  test('every spelling of a secret: as is, URL-encoded both ways, JSON-escaped', () => {
    expect(redact('echo: s3cret/+ token!')).toBe('echo: ***!');
    expect(redact('/ws?token=s3cret%2F%2B%20token')).toBe('/ws?token=***');
    expect(redact('/ws?token=s3cret%2F%2B+token')).toBe('/ws?token=***');
    expect(redact('KeyError: tok-1234 tok-1234')).toBe('KeyError: *** ***');
  });

  test('values shorter than 4 characters are left alone (they would match everywhere)', () => {
    expect(redact('abc')).toBe('abc');
  });

  test('no secrets: the text is unchanged', () => {
    expect(redactor([])('tok-1234')).toBe('tok-1234');
  });

  test('deep: every string of a report, keys too', () => {
    expect(redactDeep({ a: ['x tok-1234'], b: { 'tok-1234': 1, c: null, d: 2 } }, redact)).toEqual({ a: ['x ***'], b: { '***': 1, c: null, d: 2 } });
  });
});
