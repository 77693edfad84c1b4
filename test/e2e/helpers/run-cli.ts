/**
 * Runs the built CLI (`node bin/wsroutes.js`) as a user would: a real child process,
 * stdout and stderr collected, the exit code, and the `--report-json` file read back.
 * `dist/` must exist (`npm test` builds it in `pretest`); without it every run fails
 * at once with a message that says so, rather than with a module-not-found trace.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from here unless `cwd` says otherwise. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(ROOT, 'bin', 'wsroutes.js');

export interface RunCliOptions {
  /** Default: the repository root. */
  cwd?: string;
  /** Added to this process's environment; a key set to `undefined` is removed. */
  env?: NodeJS.ProcessEnv;
  /** The run is killed (SIGKILL) and the promise rejects after this long. Default 100000. */
  timeoutMs?: number;
  /** Do not add `--report-json <tmpfile>`. */
  noReport?: boolean;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The parsed `--report-json` file, when the CLI wrote one. */
  report?: any;
}

/** A CLI run in progress, for tests that act on it while it runs (signals, process checks). */
export interface CliRun {
  child: ChildProcess;
  pid: number;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches (rejects if the CLI exits first). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The finished run. */
  done: Promise<CliResult>;
}

function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error(`dist/ is missing in ${ROOT}: run \`npm run build\` first (\`npm test\` does it in pretest)`);
  }
}

function childEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The test runner may force colours for itself; the CLI's output is read as plain text.
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Starts `node bin/wsroutes.js ...args`; see `runCli` for the options. */
export function startCli(args: string[], opts: RunCliOptions = {}): CliRun {
  assertBuilt();
  const reportDir = opts.noReport ? undefined : mkdtempSync(join(tmpdir(), 'wsroutes-cli-'));
  const reportFile = reportDir ? join(reportDir, 'report.json') : undefined;
  const timeoutMs = opts.timeoutMs ?? 100_000;
  let stdout = '';
  let stderr = '';
  let exited = false;
  const stderrWatchers = new Set<() => void>();
  const notify = (): void => {
    for (const watcher of stderrWatchers) watcher();
  };

  const child = spawn(process.execPath, [CLI, ...args, ...(reportFile ? ['--report-json', reportFile] : [])], {
    cwd: opts.cwd ?? ROOT,
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    notify();
  });

  const done = new Promise<CliResult>((resolveDone, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wsroutes ${args.join(' ')} did not finish within ${timeoutMs} ms\nstderr:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      exited = true;
      notify();
      let report: any;
      try {
        if (reportFile && existsSync(reportFile)) report = JSON.parse(readFileSync(reportFile, 'utf8'));
      } catch (err) {
        reject(new Error(`the report ${reportFile} is not valid JSON: ${String(err)}`));
        return;
      } finally {
        if (reportDir) rmSync(reportDir, { recursive: true, force: true });
      }
      resolveDone({ code, signal, stdout, stderr, report });
    });
  });

  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern) =>
      new Promise((resolveWait, reject) => {
        const check = (): void => {
          const match = stderr.match(pattern);
          if (match || exited) stderrWatchers.delete(check);
          if (match) resolveWait(match);
          else if (exited) reject(new Error(`wsroutes exited before its stderr matched ${pattern}\nstderr:\n${stderr.slice(-2000)}`));
        };
        stderrWatchers.add(check);
        check();
      }),
    done,
  };
}

/**
 * Runs `node bin/wsroutes.js ...args` (cwd: the repository root) to the end and returns
 * its exit code, output and JSON report. Adds `--report-json <tmpfile>` unless `noReport`.
 */
export function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).done;
}
