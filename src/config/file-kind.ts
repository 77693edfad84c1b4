/**
 * Files wsroutes is given to read (an app, a config, a setup module, an OpenAPI document)
 * must be regular files: opening a FIFO blocks the thread until a writer comes (on the main
 * thread no signal handler runs meanwhile, so SIGTERM is ignored) and a device such as
 * /dev/zero never ends. `stat` does neither, so the kind is checked before any read.
 */
import { statSync } from 'node:fs';
import { WsroutesError, type WsroutesErrorCode } from '../errors.js';

/** What `path` is when it exists and is not a regular file ("a FIFO"); undefined otherwise (a missing file is the read's to report). */
export function notAFile(path: string): string | undefined {
  let s: ReturnType<typeof statSync>;
  try {
    s = statSync(path);
  } catch {
    return undefined;
  }
  if (s.isFile()) return undefined;
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** Throws `code` as `SHOWN: it is a FIFO, not a file` unless `path` is a regular file (or missing). */
export function assertFile(path: string, shown: string, code: WsroutesErrorCode = 'USAGE'): void {
  const kind = notAFile(path);
  if (kind) throw new WsroutesError(code, `${shown}: it is ${kind}, not a file`);
}
