import pc from 'picocolors';
import { expect, test } from 'vitest';
import { escapeControls, terminalSafe } from './terminal-text.js';

const HOSTILE = '\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[2K\r\x9b31m\u202Eevil';

test('escapeControls shows every control character and keeps newlines and tabs', () => {
  expect(escapeControls(`a\n\tb ${HOSTILE}`)).toBe('a\n\tb \\x1b]0;PWNED-TITLE\\x07\\x1b[2J\\x1b[2K\\r\\x9b31m\\u{202E}evil');
});

test("terminalSafe lets wsroutes' own colours through and escapes the app's", () => {
  const c = pc.createColors(true);
  const ours = `${c.bold(c.red('FAILURE'))} ${c.dim(c.cyan('x'))} ${c.green('ok')} ${c.yellow('skip')}`;
  expect(terminalSafe(ours)).toBe(ours);
  expect(terminalSafe(`${c.red('Trace:')} ${HOSTILE}`)).toBe(`${c.red('Trace:')} ${escapeControls(HOSTILE)}`);
  // A colour code outside wsroutes' set (8: concealed) is escaped.
  expect(terminalSafe('\x1b[8mhidden')).toBe('\\x1b[8mhidden');
});

test("terminalSafe lets readline's redraw codes through only as whole writes", () => {
  expect(terminalSafe('\x1b[2K')).toBe('\x1b[2K');
  expect(terminalSafe('\x1b[1G')).toBe('\x1b[1G');
  expect(terminalSafe('line\x1b[2K')).toBe('line\\x1b[2K');
});
