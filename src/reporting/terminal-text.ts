/**
 * App-supplied text made harmless for a terminal. A server trace, a close reason, a
 * route path or the app's own output can carry `ESC ] 0 ; title BEL` (retitles the
 * terminal), `ESC [ 2 J` (clears it), `ESC [ 2 K` or a carriage return (hide the line),
 * the 8-bit CSI (U+009B), or bidi overrides (reorder what is shown). Each such character
 * is written as a visible escape (`\x1b`, `\r`, `\u{202E}`); newline and tab stay.
 *
 * `terminalSafe` is the last line of defence on every write to stdout and stderr: it
 * escapes the same characters but lets through the colour codes wsroutes itself writes
 * (picocolors' bold, dim, red, green, yellow, cyan, which hide nothing) and readline's
 * line-clear and cursor-column codes when they are a whole write (how the progress line
 * redraws). App text is escaped where it is formatted too (`escapeControls`), so even
 * a colour code the app sent is shown, not obeyed.
 */

/** C0 but newline and tab, DEL, C1, and the bidi marks, overrides and isolates. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** wsroutes' own colour codes (picocolors: 1 bold, 2 dim, 22 their end, 31-33 and 36 colours, 39 their end). */
const OWN_COLOUR = /\x1b\[(?:1|2|22|31|32|33|36|39)m/g;

/** What readline.clearLine / cursorTo write, each as a write of its own. */
const READLINE_CONTROL = /^\x1b\[(?:[012]K|\d*G)$/;

function visible(ch: string): string {
  if (ch === '\r') return '\\r';
  const cp = ch.codePointAt(0) ?? 0;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** `text` with every terminal control character as a visible escape; newlines and tabs kept. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, visible);
}

/** One write to a terminal stream: controls escaped except wsroutes' own colours and progress redraws. */
export function terminalSafe(chunk: string): string {
  if (READLINE_CONTROL.test(chunk)) return chunk;
  let out = '';
  let last = 0;
  for (const m of chunk.matchAll(OWN_COLOUR)) {
    out += escapeControls(chunk.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + escapeControls(chunk.slice(last));
}
