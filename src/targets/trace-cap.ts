/**
 * A bound on one server trace. An app's exception message can be any size (a 20 MB
 * payload echoed into a ValueError): kept whole, it is copied into every failure,
 * shrink step and report, and wsroutes' memory grows past a gigabyte. A trace keeps
 * at most MAX_TRACE_LINE_CHARS characters of each line and MAX_TRACE_LINES lines (the
 * first and last halves: a Node stack ends with its frames, a Python traceback with its
 * exception), and says what it cut, so the exception type and frames the signature reads
 * survive. The Python bridge cuts the same way before sending (wsroutes_bridge/traces.py).
 */

export const MAX_TRACE_LINE_CHARS = 2000;
export const MAX_TRACE_LINES = 200;

const count = (n: number): string => n.toLocaleString('en-US');

/** Room for the note of a line the bridge has cut already, so cutting again keeps that note. */
const NOTE_ROOM = 64;

function capLine(line: string): string {
  if (line.length <= MAX_TRACE_LINE_CHARS + NOTE_ROOM) return line;
  return `${line.slice(0, MAX_TRACE_LINE_CHARS)}… (${count(line.length - MAX_TRACE_LINE_CHARS)} more characters cut)`;
}

/** `text` within the bounds above, saying how many characters and lines were cut. */
export function capTrace(text: string): string {
  if (text.length <= MAX_TRACE_LINE_CHARS + NOTE_ROOM) return text;
  const half = MAX_TRACE_LINES / 2;
  // Index walks, not split('\n'): a trace of ten million short lines must not become ten million strings.
  const head: string[] = [];
  let from = 0;
  while (head.length < half) {
    const nl = text.indexOf('\n', from);
    if (nl === -1) {
      head.push(text.slice(from));
      return head.map(capLine).join('\n');
    }
    head.push(text.slice(from, nl));
    from = nl + 1;
  }
  const tail: string[] = [];
  let to = text.length;
  while (tail.length < half) {
    const nl = text.lastIndexOf('\n', to - 1);
    // The rest is one line: no line is cut, only long lines shortened.
    if (nl < from) return [...head, text.slice(from, to), ...tail].map(capLine).join('\n');
    tail.unshift(text.slice(nl + 1, to));
    to = nl;
  }
  // The lines between head and tail: text.slice(from, to), counted in place.
  let cut = 1;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) cut++;
  const middle = cut === 1 ? [capLine(text.slice(from, to))] : [`… (${count(cut)} lines cut) …`];
  return [...head.map(capLine), ...middle, ...tail.map(capLine)].join('\n');
}
