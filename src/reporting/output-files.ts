/**
 * Every file a run will write (`--report-json` now; JUnit and HTML reports later) is
 * checked before the app starts: a report that cannot be written must not cost a whole
 * run, and must never replace the run's verdict with an "internal error" at the end.
 *
 * The check really opens the file: a directory, a read-only file or folder, or /proc
 * are found out that way. A file that does not exist yet is created and removed again;
 * one that does is opened without truncation (a run that fails to start leaves it as it
 * was). A character device (/dev/full, whose writes fail with ENOSPC though it opens
 * fine; a terminal; /dev/null) gets one newline, except our own stdout and stderr.
 */
import { closeSync, fstatSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WsroutesError } from '../errors.js';

function isOurOutput(rdev: number, ino: number): boolean {
  return [1, 2].some((fd) => {
    try {
      const s = fstatSync(fd);
      return s.rdev === rdev && s.ino === ino;
    } catch {
      return false;
    }
  });
}

/**
 * Creates the missing folders above `path` one level at a time: `mkdirSync(..., { recursive: true })`
 * loops forever where mkdir answers ENOENT under an existing parent (`/proc/x/y` on Node 20).
 */
function makeParents(path: string): void {
  const parent = dirname(path);
  if (parent === path) return;
  try {
    statSync(parent);
    return;
  } catch {
    makeParents(parent);
  }
  mkdirSync(parent);
}

/** Throws USAGE, naming the flag, when `file` cannot be written. */
export function checkWritable(flag: string, file: string, cwd: string): void {
  const path = resolve(cwd, file);
  const fail = (why: string): never => {
    throw new WsroutesError('USAGE', `${flag} ${file}: cannot write the report there (${why})`);
  };
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) fail('it is a directory');
  let fd: number | undefined;
  try {
    if (!existing) {
      makeParents(path);
      closeSync(openSync(path, 'wx'));
      unlinkSync(path);
    } else if (existing.isCharacterDevice()) {
      fd = openSync(path, 'a');
      if (!isOurOutput(existing.rdev, existing.ino)) writeSync(fd, '\n');
    } else {
      fd = openSync(path, 'r+');
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(e.code === 'ENOSPC' ? 'no space left on the device' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.code ?? e.message));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A report file to write: its path and its whole text. */
export interface ReportFile {
  path: string;
  text: string;
}

/** Writes each report, creating its folder when needed (checked beforehand by `checkWritable`). */
export async function writeReportFiles(files: readonly ReportFile[]): Promise<void> {
  for (const f of files) {
    await mkdir(dirname(f.path), { recursive: true });
    await writeFile(f.path, f.text, 'utf8');
  }
}
