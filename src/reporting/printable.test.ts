import { describe, expect, it } from 'vitest';
import { escapeUnprintable, printableBytes, printableJson, printableMessage, printableText } from './printable.js';

describe('printableText', () => {
  it('quotes and escapes controls, NUL and quotes', () => {
    expect(printableText('a\u0000b\n\t"\\')).toBe('"a\\x00b\\n\\t\\"\\\\"');
    expect(printableText('\u0007\u007f\u0085')).toBe('"\\x07\\x7f\\x85"');
  });

  it('shows an empty string as ""', () => {
    expect(printableText('')).toBe('""');
  });

  it('escapes astral characters, lone surrogates and invisible format characters', () => {
    expect(printableText('\u{1F600}')).toBe('"\\u{1F600}"');
    expect(printableText('\uD800')).toBe('"\\u{D800}"');
    expect(printableText('a\u200Bb\u202E\uFEFF')).toBe('"a\\u{200B}b\\u{202E}\\u{FEFF}"');
    expect(printableText('\u00a0\u2028')).toBe('"\\xa0\\u{2028}"');
  });

  it('keeps ordinary non-ASCII text and spaces as they are', () => {
    expect(printableText('héllo wörld 日本')).toBe('"héllo wörld 日本"');
  });

  it('cuts long values and says how long they were', () => {
    const out = printableText('x'.repeat(5000), { maxChars: 10 });
    expect(out).toBe(`"${'x'.repeat(10)}"… (5,000 chars)`);
  });

  it('never cuts an escape in two', () => {
    const out = printableText('\u0000'.repeat(10), { maxChars: 6 });
    expect(out).toBe('"\\x00\\x00"… (10 chars)');
  });
});

describe('printableJson', () => {
  it('renders with separators and escapes inside strings', () => {
    expect(printableJson({ type: 'subscribe', channel: 'invalid_\u0000_channel' })).toBe('{"type": "subscribe", "channel": "invalid_\\x00_channel"}');
    expect(printableJson([null, true, -1.5e300, [], {}])).toBe('[null, true, -1.5e+300, [], {}]');
    expect(printableJson(null)).toBe('null');
  });

  it('cuts deep or long values', () => {
    const out = printableJson({ a: 'y'.repeat(300) }, { maxChars: 20 });
    expect(out.startsWith('{"a": "yyyy')).toBe(true);
    expect(out.endsWith(`… (${JSON.stringify({ a: 'y'.repeat(300) }).length} chars)`)).toBe(true);
  });
});

describe('printableBytes', () => {
  it('shows length and hex', () => {
    expect(printableBytes(new Uint8Array([0, 1, 2, 255]))).toBe('<4 bytes> 00 01 02 ff');
    expect(printableBytes(new Uint8Array([7]))).toBe('<1 byte> 07');
    expect(printableBytes(new Uint8Array())).toBe('<0 bytes>');
  });

  it('cuts long binary with an ellipsis', () => {
    expect(printableBytes(new Uint8Array(1200), { maxBytes: 3 })).toBe('<1,200 bytes> 00 00 00 …');
  });
});

describe('printableMessage', () => {
  it('labels the kind and indents the value', () => {
    expect(printableMessage({ type: 'json', data: { a: 1 } })).toBe('Sent (json):\n  {"a": 1}');
    expect(printableMessage({ type: 'text', data: '' })).toBe('Sent (text):\n  ""');
    expect(printableMessage({ type: 'bytes', data: new Uint8Array() })).toBe('Sent (bytes):\n  <0 bytes>');
  });
});

describe('escapeUnprintable', () => {
  it('leaves quotes and backslashes alone (the text may already be escaped)', () => {
    expect(escapeUnprintable('{"a":"\\x00"}\u0000')).toBe('{"a":"\\x00"}\\x00');
  });
});
