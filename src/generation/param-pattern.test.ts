import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { patternValueArb, pythonPatternRegExp } from './param-pattern.js';
import { pathParamsArb } from './path-params.js';

describe('path parameter values drawn from the pattern', () => {
  test("Python's \\w takes any letter: the translated check does, JavaScript's own would not", () => {
    const re = pythonPatternRegExp('\\w+')!;
    for (const ok of ['room', 'é', '日本', 'a_1']) expect(re.test(ok), ok).toBe(true);
    for (const no of ['a b', 'a-b', '', 'x/y']) expect(re.test(no), no).toBe(false);
    expect(pythonPatternRegExp('[\\w-]+')!.test('é-a')).toBe(true);
    expect(pythonPatternRegExp('(?P<room>\\d{2})')!.test('42')).toBe(true);
    expect(pythonPatternRegExp('(?P<a>x)(?P=a)')).toBeUndefined();
  });

  test('a \\w+ parameter gets words, some beyond ASCII and some long, each one the pattern matches', () => {
    const values = fc
      .sample(pathParamsArb([{ name: 'room_name', type: 'str', pattern: '\\w+' }]), { seed: 3, numRuns: 300 })
      .map((v) => decodeURIComponent(v.room_name!));
    const re = pythonPatternRegExp('\\w+')!;
    expect(values.every((v) => re.test(v))).toBe(true);
    expect(values.some((v) => /[^\x00-\x7f]/.test(v))).toBe(true);
    expect(values.some((v) => v.length > 16)).toBe(true);
    expect(values.filter((v) => /\p{L}/u.test(v)).length).toBeGreaterThan(200);
  });

  test('a pattern it cannot read: the type decides', () => {
    expect(patternValueArb('(?P<a>x)(?P=a)', fc.constant('x'))).toBeUndefined();
    const [v] = fc.sample(pathParamsArb([{ name: 'n', type: 'int', pattern: '(?P<a>1)(?P=a)' }]), { seed: 1, numRuns: 1 });
    expect(v!.n).toMatch(/^\d+$/);
  });
});
