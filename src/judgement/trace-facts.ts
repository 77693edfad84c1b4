/**
 * What a server trace says, read from its text: the exception that was raised and the
 * innermost frame of the app's own code. Failure messages and failure signatures are
 * built from it, so it must read every shape a trace comes in: a Python traceback
 * (chained exceptions; exception groups of a 3.11 TaskGroup, anyio or Litestar, drawn
 * with `|` margins and `+---- 1 ----` separators, nested, truncated after 15) and a
 * Node `err.stack`. An exception group is reported by its leaves, not by the group. Of
 * several traces joined in one text, the first is read.
 */

export interface TraceFrame {
  file: string;
  line: number;
  fn?: string;
  /** No frame of the trace is app code: this is the innermost frame of all, in a framework, the runtime or wsroutes. */
  framework: boolean;
}

export interface ExceptionFacts {
  /** The exception's type as printed (`ValueError`, `json.decoder.JSONDecodeError`, `TypeError`); '' when the text names none. */
  type: string;
  /** The first line of its message ('' when it has none). */
  message: string;
  /** The innermost frame of app code, else the innermost frame (then `framework: true`); absent when the trace lists no frame. */
  frame?: TraceFrame;
  /** An exception group with several leaves: how many besides the one reported. */
  more?: number;
}

interface Frame {
  file: string;
  line: number;
  fn?: string;
}

/** Code that is not the app's: installed packages, the runtime's own library, wsroutes' bridge. */
const NOT_APP: RegExp[] = [
  /[\\/]node_modules[\\/]/,
  /^node:/,
  /^(?:internal|native)\b/,
  /^<[^>]*>$/, // <anonymous>, <frozen importlib._bootstrap>, <string>
  /[\\/](?:site|dist)-packages[\\/]/,
  /[\\/]lib[\\/]python\d+(?:\.\d+)?[\\/]/i,
  /[\\/]Lib[\\/]/, // the standard library on Windows
  /[\\/]wsroutes_bridge[\\/]/,
];

export function isAppFile(file: string): boolean {
  return !NOT_APP.some((re) => re.test(file));
}

/** The exception a trace reports, its innermost app frame, and how many more leaves a group had. */
export function innermostException(traceText: string): ExceptionFacts {
  const text = traceText.replace(/\r\n?/g, '\n');
  const python = /Traceback \(most recent call last\):$|^\s*\+-\+-{3,}|^\s*(?:\| )?\s*File "[^"]+", line \d+/m;
  if (python.test(text)) return pythonFacts(text);
  if (/^\s+at \S/m.test(text)) return nodeFacts(text);
  return plainFacts(text);
}

/** A text with no frames (a thrown string, a bare `Error: msg` line): "Type: message" when it reads so. */
function plainFacts(text: string): ExceptionFacts {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  const m = /^([A-Za-z_$][\w$.]*): (.*)$/s.exec(line);
  return m ? { type: m[1]!, message: m[2]! } : { type: '', message: line.slice(0, 300) };
}

/** "ValueError: invalid literal ... (+1 more)": the words a failure message uses. */
export function describeException(facts: ExceptionFacts): string {
  const head = facts.type && facts.message ? `${facts.type}: ${facts.message}` : facts.type || facts.message;
  return facts.more ? `${head} (+${facts.more} more)` : head;
}

function pick(frames: Frame[]): TraceFrame | undefined {
  const app = frames.find((f) => isAppFile(f.file));
  if (app) return { ...app, framework: false };
  return frames[0] ? { ...frames[0], framework: true } : undefined;
}

// ---------------------------------------------------------------- Node

// dotAll: a message may hold U+2028/U+2029 (a JSON.parse of generated text quotes it), which `.` would
// not match: the head would not parse, and one bug would get two signatures.
const NODE_HEAD = /^([A-Za-z_$][\w$.]*)(?: \[[^\]]*\])?(?::\s?(.*))?$/s;
const NODE_FRAME = /^\s*at (?:async )?(?:(.*?) \((.+)\)|(.+))$/;

function nodeFacts(text: string): ExceptionFacts {
  const lines = text.split('\n');
  const firstFrame = lines.findIndex((l) => NODE_FRAME.test(l));
  const head = lines
    .slice(0, firstFrame === -1 ? lines.length : firstFrame)
    .map((l) => l.trim())
    .find(Boolean);
  const m = head ? NODE_HEAD.exec(head) : null;
  const frames: Frame[] = [];
  for (const l of lines.slice(firstFrame === -1 ? lines.length : firstFrame)) {
    const f = NODE_FRAME.exec(l);
    if (!f) break;
    const loc = nodeLocation(f[2] ?? f[3] ?? '');
    if (loc) frames.push({ ...loc, ...(f[1] ? { fn: f[1].replace(/^new /, '') } : {}) });
  }
  const facts: ExceptionFacts = m ? { type: m[1]!, message: m[2] ?? '' } : { type: '', message: head ?? '' };
  const frame = pick(frames); // Node lists the innermost frame first
  return frame ? { ...facts, frame } : facts;
}

/** `file:///a/b.js:12:5`, `/a/b.ts:12:5`, `node:events:524:28`, `C:\a\b.js:1:2` -> file and line. */
function nodeLocation(loc: string): { file: string; line: number } | undefined {
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(loc.trim());
  if (!m) return undefined;
  const file = m[1]!.startsWith('file://') ? decodeURIComponent(m[1]!.slice('file://'.length)) : m[1]!;
  return { file, line: Number(m[2]) };
}

// ---------------------------------------------------------------- Python

/** One exception as printed: its traceback's frames (outermost first) and its line. */
interface PyBlock {
  frames: Frame[];
  type?: string;
  message?: string;
  /** An exception group's sub-exceptions: each a chain of blocks, the raised one last. */
  subs: PyBlock[][];
  /** "and N more exceptions": sub-exceptions the printout left out. */
  omitted: number;
}

const PY_FRAME = /^File "(.+)", line (\d+)(?:, in (.+))?$/;
const PY_EXCEPTION = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/s;
const PY_HEADER = /^(?:Exception Group )?Traceback \(most recent call last\):$/;
const CHAIN = /^(?:The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)$/;
// `+-+---- 1 ----` opens a group's first sub-exception, `+---- 2 ----` the next, `+--------` closes.
const SEPARATOR = /^( *)(\+-\+|\+)-{3,}(?: (\S+) -+)?$/;
const MARGIN = /^( *)[|+](?: |$)/;

interface Group {
  /** Column of its sub-exceptions' margin (and of the separators' last `+`). */
  col: number;
  owner: PyBlock;
  current: PyBlock[];
}

/** Removes the indentation every line shares (a trace quoted inside a log or a report). */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return common ? lines.map((l) => l.slice(common)) : lines;
}

function pythonFacts(text: string): ExceptionFacts {
  const top: PyBlock[] = [];
  const stack: Group[] = [];
  const section = (): PyBlock[] => stack[stack.length - 1]?.current ?? top;
  const popWhile = (deeper: (g: Group) => boolean): void => {
    while (stack.length && deeper(stack[stack.length - 1]!)) stack.pop();
  };
  /** The block the next lines fill: the section's last one while it is still empty. */
  const fresh = (): PyBlock => {
    const blocks = section();
    const last = blocks[blocks.length - 1];
    if (last && !last.frames.length && last.type === undefined && !last.subs.length) return last;
    const b: PyBlock = { frames: [], subs: [], omitted: 0 };
    blocks.push(b);
    return b;
  };

  /** The last line read announced a chained exception ("During handling of the above exception, ..."). */
  let chained = false;
  for (const raw of dedent(text.split('\n'))) {
    const sep = SEPARATOR.exec(raw);
    if (sep) {
      const col = sep[1]!.length + sep[2]!.length - 1;
      const title = sep[3];
      if (title === undefined) {
        popWhile((g) => g.col >= col); // a closing line may end inner groups with it
      } else if (sep[2] === '+-+') {
        popWhile((g) => g.col >= col);
        const owner = section()[section().length - 1];
        if (!owner) continue;
        const group: Group = { col, owner, current: [] };
        owner.subs.push(group.current);
        stack.push(group);
      } else {
        popWhile((g) => g.col > col);
        const open = stack[stack.length - 1];
        if (open?.col !== col) continue;
        open.current = [];
        open.owner.subs.push(open.current);
      }
      continue;
    }
    const margin = MARGIN.exec(raw);
    const col = margin ? margin[1]!.length : -1;
    popWhile((g) => g.col > col); // a line left of a group's sub-exceptions is past that group
    const content = margin ? raw.slice(margin[0].length) : raw;
    const line = content.trim();
    if (!line) continue;
    const indented = /^\s/.test(content);
    const frame = PY_FRAME.exec(line);
    if (indented && frame) {
      let block = section()[section().length - 1];
      if (!block || block.type !== undefined || block.subs.length) block = fresh();
      block.frames.push({ file: frame[1]!, line: Number(frame[2]), ...(frame[3] ? { fn: frame[3] } : {}) });
      continue;
    }
    if (indented) continue; // source lines and ^^^ markers under a frame, a message's indented lines
    if (PY_HEADER.test(line) && !stack.length && !chained && top.some((b) => b.type !== undefined)) break; // the next trace of several
    chained = CHAIN.test(line);
    if (PY_HEADER.test(line) || chained) {
      fresh();
      continue;
    }
    const omitted = /^and (\d+) more exceptions?$/.exec(line);
    if (omitted && stack.length) {
      stack[stack.length - 1]!.owner.omitted += Number(omitted[1]);
      continue;
    }
    if (/^\.\.\. \(max_group_depth is \d+\)$/.test(line)) continue;
    const last = section()[section().length - 1];
    if (last && last.type !== undefined) continue; // the message's next lines, notes
    const block = last ?? fresh();
    const exc = PY_EXCEPTION.exec(line);
    block.type = exc ? exc[1]! : '';
    block.message = exc ? (exc[2] ?? '') : line;
  }

  const raised = [...top].reverse().find((b) => b.type !== undefined || b.subs.length);
  if (!raised) return { type: '', message: text.trim().split('\n')[0]?.slice(0, 300) ?? '' };
  const leaves = leavesOf(raised, []);
  const first = leaves[0]!;
  const more = leaves.length - 1 + omittedIn(raised);
  // The leaf's own frames, innermost first, then those of the groups around it.
  const frames = [first.block, ...first.ancestors].flatMap((b) => [...b.frames].reverse());
  const frame = pick(frames);
  return { type: first.block.type ?? '', message: first.block.message ?? '', ...(frame ? { frame } : {}), ...(more > 0 ? { more } : {}) };
}

interface Leaf {
  block: PyBlock;
  /** The groups it sits in, innermost first. */
  ancestors: PyBlock[];
}

/** The exceptions a group holds, depth first, in print order; a plain exception is its own leaf. */
function leavesOf(block: PyBlock, ancestors: PyBlock[]): Leaf[] {
  const raisedInSubs = block.subs.map((chain) => chain[chain.length - 1]).filter((b): b is PyBlock => b !== undefined);
  if (!raisedInSubs.length) return [{ block, ancestors }];
  return raisedInSubs.flatMap((b) => leavesOf(b, [block, ...ancestors]));
}

function omittedIn(block: PyBlock): number {
  return block.subs.reduce((n, chain) => n + (chain.length ? omittedIn(chain[chain.length - 1]!) : 0), block.omitted);
}
