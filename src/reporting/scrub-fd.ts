/**
 * An in-process app can write to the terminal without process.stdout: `fs.writeSync(1, ...)`
 * and `fs.write(2, ...)` go straight to the file descriptor, past `scrubWrites`. While a run
 * is on, those two are wrapped for fds 1 and 2 (redacted, then terminalSafe), and ESM
 * named imports of them (`import { writeSync } from 'node:fs'`) are synced to the
 * wrappers. Node's own streams keep the originals (they took them when they loaded).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import type { Redact } from './redact.js';
import { terminalSafe } from './terminal-text.js';

const isTerminalFd = (fd: unknown): boolean => fd === 1 || fd === 2;

/** The text a write call asks for: a string, or the bytes of a buffer between offset and length. */
function asked(data: unknown, offset: unknown, length: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (!ArrayBuffer.isView(data)) return undefined;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const start = typeof offset === 'number' ? offset : 0;
  const end = typeof length === 'number' ? start + length : bytes.length;
  return bytes.subarray(start, end).toString('utf8');
}

/** The byte count the caller asked to write: what it is told was written, whatever redaction made of it. */
const askedBytes = (data: unknown, text: string): number => (typeof data === 'string' ? Buffer.byteLength(data) : Buffer.byteLength(text));

export function scrubFdWrites(redact: Redact): () => void {
  const { writeSync, write } = fs;
  type Any = (...args: unknown[]) => unknown;
  const scrubbedSync = (fd: unknown, data: unknown, ...rest: unknown[]): unknown => {
    const text = isTerminalFd(fd) ? asked(data, rest[0], rest[1]) : undefined;
    if (text === undefined) return (writeSync as Any)(fd, data, ...rest);
    (writeSync as Any)(fd, terminalSafe(redact(text)));
    return askedBytes(data, text);
  };
  const scrubbed = (fd: unknown, data: unknown, ...rest: unknown[]): unknown => {
    const text = isTerminalFd(fd) ? asked(data, rest[0], rest[1]) : undefined;
    const cb = rest.at(-1);
    if (text === undefined || typeof cb !== 'function') return (write as Any)(fd, data, ...rest);
    return (write as Any)(fd, terminalSafe(redact(text)), (err: unknown) => cb(err, askedBytes(data, text), data));
  };
  fs.writeSync = scrubbedSync as typeof fs.writeSync;
  fs.write = scrubbed as typeof fs.write;
  syncBuiltinESMExports();
  return () => {
    if (fs.writeSync === (scrubbedSync as typeof fs.writeSync)) fs.writeSync = writeSync;
    if (fs.write === (scrubbed as typeof fs.write)) fs.write = write;
    syncBuiltinESMExports();
  };
}
