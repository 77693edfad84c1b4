/**
 * Path parameter values drawn from the regular expression the app matches them with
 * (`PathParam.pattern`, Python's `re` syntax), so a route whose parameter is `\w+` gets
 * room names, not only the integers every such pattern also accepts.
 *
 * Python's `\w`, `\d` and `\s` take any Unicode letter, digit or space; JavaScript's take
 * ASCII only. The pattern is translated for the check (`\w` as `[\p{L}\p{N}\p{M}_]`, with
 * the `u` flag), and values come from two sources, each checked against it: fast-check's
 * `stringMatching` over the pattern read the ASCII way (what the pattern's author had in
 * mind), and the ordinary string values of wsroutes, short and long, accented, CJK and
 * emoji among them (what the pattern lets through without its author thinking of it: the
 * Channels tutorial's `\w+` room name that its group name then refuses). A pattern this
 * cannot read (a Python-only construct) yields undefined: the type's values are used.
 */
import fc from 'fast-check';

const UNICODE_CLASSES: Record<string, string> = { w: '\\p{L}\\p{N}\\p{M}_', d: '\\p{Nd}', s: '\\s' };
const NEGATED: Record<string, string> = { W: 'w', D: 'd', S: 's' };

/** Python `re` source -> a JavaScript `u` regex of the same (Unicode) meaning, anchored. */
export function pythonPatternRegExp(pattern: string): RegExp | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (UNICODE_CLASSES[next]) out += inClass ? UNICODE_CLASSES[next] : `[${UNICODE_CLASSES[next]}]`;
      else if (NEGATED[next] && !inClass) out += `[^${UNICODE_CLASSES[NEGATED[next]]!}]`;
      else if (next === 'A') out += '^';
      else if (next === 'Z') out += '$';
      else out += `\\${next}`;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    else if (ch === '(' && pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    } else if (ch === '(' && pattern.startsWith('(?P=', i)) return undefined;
    out += ch;
  }
  try {
    return new RegExp(`^(?:${out})$`, 'u');
  } catch {
    return undefined;
  }
}

/** The ASCII reading of the pattern for fast-check's generator, or undefined when it cannot take it. */
function asciiRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern.replace(/\(\?P</g, '(?<')})$`);
  } catch {
    return undefined;
  }
}

/** Values of a parameter matched by `pattern` (decoded), URL-encoded; undefined when the pattern cannot be read. */
export function patternValueArb(pattern: string, ordinary: fc.Arbitrary<string>): fc.Arbitrary<string> | undefined {
  const check = pythonPatternRegExp(pattern);
  if (!check) return undefined;
  const matches = (v: string): boolean => v !== '' && v !== '.' && v !== '..' && !v.includes('/') && check.test(v);
  const arbs: fc.Arbitrary<string>[] = [];
  const ascii = asciiRegExp(pattern);
  if (ascii) {
    try {
      arbs.push(fc.stringMatching(ascii, { size: 'small' }).filter(matches));
    } catch {
      // a construct stringMatching does not take: the ordinary values alone
    }
  }
  arbs.push(ordinary.filter(matches));
  return fc.oneof(...arbs).map(encodeURIComponent);
}
