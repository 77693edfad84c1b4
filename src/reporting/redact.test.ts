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

  test('a secret shorter than 4 characters is replaced only where it stands alone', () => {
    expect(redact('abc xabc abcd abc.')).toBe('*** xabc abcd ***.');
  });

  test('a binary frame shown as hex', () => {
    const hex = Buffer.from('tok-1234')
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    expect(redact(`<10 bytes> 00 ${hex} 01`)).toBe('<10 bytes> 00 *** 01');
  });

  test('a text cut short inside a secret: the start shown is replaced', () => {
    expect(redact('xxxtok-12… (300 bytes)')).toBe('xxx***… (300 bytes)');
    expect(redact('"xxs3cret/"… (300 chars)')).toBe('"xx***"… (300 chars)');
    expect(redact('<40 bytes> 00 74 6f 6b 2d …')).toBe('<40 bytes> 00 *** …');
    // A tail kept after a cut (the Python app's stderr) that starts with the end of a secret.
    expect(redact('… (5,000 characters cut) -1234 then')).toBe('… (5,000 characters cut) *** then');
    // Fewer than 4 characters of it tell nothing: left alone.
    expect(redact('xxxtok… (300 bytes)')).toBe('xxxtok… (300 bytes)');
  });

  test('no secrets: the text is unchanged', () => {
    expect(redactor([])('tok-1234')).toBe('tok-1234');
  });

  test('deep: every string of a report, keys too', () => {
    expect(redactDeep({ a: ['x tok-1234'], b: { 'tok-1234': 1, c: null, d: 2 } }, redact)).toEqual({ a: ['x ***'], b: { '***': 1, c: null, d: 2 } });
  });
});
