/**
 * Writes the files of `--export-tests DIR` (one node:test file per failure, see
 * regression-test.ts) and checks, before the run, that DIR can hold them. Failures the
 * Conductor cannot observe from a client (a subprotocol the server picked, an invalid
 * frame, a botched close) are not exported: a test that cannot fail would be a lie.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Options } from '../config/options.js';
import { WsroutesError } from '../errors.js';
import type { ErrorType } from '../judgement/failure.js';
import type { Redact } from '../reporting/redact.js';
import type { FailureResult, RunResult } from '../run/results.js';
import { exportContext, regressionTest, routeSlug } from './regression-test.js';

/** The failures an exported test can assert from the client side. */
export const EXPORTABLE: ReadonlySet<ErrorType> = new Set<ErrorType>(['server_error', 'timeout', 'handshake_rejected', 'handshake_error', 'unexpected_close']);

/** Why a failure cannot be a faithful exported test, or undefined when it can. */
function notExportable(run: RunResult, failure: FailureResult): string | undefined {
  if (!EXPORTABLE.has(failure.errorType)) return 'a client cannot observe it through the Conductor';
  // A Socket.IO namespace of any server connects to its Engine.IO endpoint (`?EIO=4&...`).
  if (run.target.framework === 'socketio' || /[?&]EIO=/.test(failure.url)) return 'Socket.IO framing is not replayed by the Conductor';
  // Replaying the last connection alone would not reproduce these: such a test could pass on the bug.
  const extra = failure as { history?: unknown[]; script?: unknown[] };
  if (extra.history?.length || extra.script?.length) return 'it needs earlier connections or several clients, which the export does not replay yet';
  return undefined;
}

export interface ExportOutcome {
  /** Absolute paths of the files written. */
  written: string[];
  /** `route: errorType` of the failures left out, with why. */
  skipped: string[];
}

export async function writeExportedTests(run: RunResult, options: Options, dir: string, redact: Redact = (s) => s): Promise<ExportOutcome> {
  const out = resolve(options.cwd ?? process.cwd(), dir);
  const ctx = exportContext(options);
  const used = new Set<string>();
  const outcome: ExportOutcome = { written: [], skipped: [] };
  const files: Array<[string, string]> = [];
  for (const route of run.routes) {
    for (const failure of route.failures) {
      if (route.kind === 'http') {
        outcome.skipped.push(`${route.method} ${route.path}: ${failure.errorType} (HTTP failures are not exported yet; the curl line replays it)`);
        continue;
      }
      const why = notExportable(run, failure);
      if (why) {
        outcome.skipped.push(`${route.path}: ${failure.errorType} (${why})`);
        continue;
      }
      const slug = routeSlug(route.path);
      let name = `${slug}.test.mjs`;
      for (let n = 2; used.has(name); n++) name = `${slug}-${n}.test.mjs`;
      used.add(name);
      files.push([join(out, name), redact(regressionTest(route, failure, ctx))]);
    }
  }
  if (files.length) await mkdir(out, { recursive: true });
  for (const [path, text] of files) {
    await writeFile(path, text, 'utf8');
    outcome.written.push(path);
  }
  return outcome;
}

/** Throws USAGE, naming the flag, when `dir` is not a folder that can take new files (created when missing). */
export function checkExportDir(flag: string, dir: string, cwd: string): void {
  const path = resolve(cwd, dir);
  const fail = (why: string): never => {
    throw new WsroutesError('USAGE', `${flag} ${dir}: cannot write the tests there (${why})`);
  };
  try {
    if (!statSync(path).isDirectory()) fail('it is not a directory');
  } catch (err) {
    if (err instanceof WsroutesError) throw err;
  }
  const probe = join(path, `.wsroutes-write-check-${process.pid}`);
  try {
    mkdirSync(path, { recursive: true });
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    fail(
      e.code === 'ENOSPC'
        ? 'no space left on the device'
        : e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
          ? 'permission denied'
          : e.code === 'ENOTDIR'
            ? 'a part of the path is a file'
            : (e.code ?? e.message),
    );
  }
}
