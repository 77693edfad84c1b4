/**
 * A Python ASGI app as a wsroutes Target: runs `<python> -m wsroutes_bridge --app SPEC`
 * (python/wsroutes_bridge, put on PYTHONPATH), which serves the app with uvicorn on
 * 127.0.0.1 and prints JSON lines on stdout: `ready` (port, framework, routes as
 * `{name:type}` templates whatever the framework's syntax) or `error`, then `trace` /
 * `conn_end` per connection. The bridge runs in its own process
 * group so `stop()` can end the app's children too; stderr is kept (last lines,
 * `stderr-tail.ts`) for error messages and echoed with `verbose`, in whole lines
 * (`whole-lines.ts`: the redactor must see each secret whole).
 */
import { spawn } from 'node:child_process';
import { withFreshStarts } from '../fresh.js';
import type { ChildProcess } from 'node:child_process';
import { delimiter, resolve } from 'node:path';
import type { Target } from '../target.js';
import type { WsroutesError } from '../../errors.js';
import type { BridgeEvent, ReadyEvent } from './bridge-events.js';
import { parseEvent } from './bridge-events.js';
import { errorFromEvent, exitError, spawnError, timeoutError } from './bridge-errors.js';
import { BridgeTraces } from './bridge-traces.js';
import { guard, release, signalGroup } from './child-guard.js';
import { MARK_VAR, newMark, signalEach, targetProcesses } from '../process-tree.js';
import { bridgeRoot, resolvePython } from './resolve-python.js';
import { StderrTail } from './stderr-tail.js';
import type { ResolvedPython } from './resolve-python.js';
import { wholeLines } from './whole-lines.js';

/** A running Python target; `pid` is the bridge's (the leader of its process group). */
export interface PythonTarget extends Target {
  kind: 'python';
  pid: number;
}

export interface PythonTargetOptions {
  cwd: string;
  /** Directory put first on sys.path for the import (default: cwd). */
  appDir?: string;
  /** Interpreter (default: $VIRTUAL_ENV, ./.venv, python3). */
  python?: string;
  /** Echo the bridge's stderr (the app's own output) to ours. */
  verbose?: boolean;
  /** How long the app may take to be ready. Default 30000. */
  startTimeoutMs?: number;
  /** After SIGTERM, how long before SIGKILL. Default 3000. */
  stopGraceMs?: number;
  /** How long a TraceWatch's `end()` waits for the app to finish the connection. Default 2000. */
  traceEndWaitMs?: number;
  /** Extra environment for the app. */
  env?: Record<string, string>;
}

function spawnBridge(spec: string, python: ResolvedPython, opts: PythonTargetOptions, mark: string): ChildProcess {
  const args = ['-m', 'wsroutes_bridge', '--app', spec];
  if (opts.appDir) args.push('--app-dir', resolve(opts.cwd, opts.appDir));
  const pythonPath = [bridgeRoot(), process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  return spawn(python.command, args, {
    cwd: opts.cwd,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env, PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1', [MARK_VAR]: mark },
  });
}

/** After the bridge's exit, how long its last stdout lines may take to arrive. */
const EXIT_DRAIN_MS = 500;
/** How long stop waits past SIGKILL before it returns anyway: a stop never hangs. */
const STOP_DEADLINE_MS = 2000;

/** Waits for `promise`, at most `ms`. */
async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export async function startPythonTarget(spec: string, opts: PythonTargetOptions): Promise<PythonTarget> {
  const python = resolvePython({ python: opts.python, cwd: opts.cwd });
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const stopGraceMs = opts.stopGraceMs ?? 3000;
  const traces = new BridgeTraces({ endWaitMs: opts.traceEndWaitMs });
  const stderr = new StderrTail();
  const echo = wholeLines((text) => process.stderr.write(text));
  // Every process the app starts inherits it: how a child in a session of its own is found.
  const mark = newMark();
  const child = spawnBridge(spec, python, opts, mark);
  const pid = child.pid;
  if (pid !== undefined) guard(pid, mark);

  let exited = false;
  const exit = new Promise<void>((done) => {
    const finish = (): void => {
      if (exited) return;
      exited = true;
      traces.close();
      echo.flush();
      if (pid !== undefined) {
        // Children the app left behind: in its group, descended from it, or in a session of their own.
        signalGroup(pid, 'SIGKILL');
        signalEach(targetProcesses(pid, mark), 'SIGKILL');
        release(pid);
      }
      // A process still holding our pipes must not keep wsroutes running.
      child.stdin?.destroy();
      child.stdout?.destroy();
      child.stderr?.destroy();
      done();
    };
    child.once('close', finish);
    // 'close' waits for the pipes, which a child in another session may hold open for good:
    // the bridge's own exit is enough, after a moment for its last lines to arrive.
    child.once('exit', () => setTimeout(finish, EXIT_DRAIN_MS));
    // A spawn that failed (no such interpreter) has no pid and may never 'close'.
    if (pid === undefined) child.once('error', finish);
  });

  child.stdin?.on('error', () => undefined); // EPIPE once the bridge is gone: nothing to do
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr.push(chunk);
    if (opts.verbose) echo.push(chunk);
  });
  child.stderr?.on('end', () => echo.flush());

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (!exited && pid !== undefined) {
        // Listed before any signal: once the bridge is gone, its descendants' parent is init.
        signalEach(targetProcesses(pid, mark), 'SIGTERM');
        signalGroup(pid, 'SIGTERM');
        const kill = setTimeout(() => {
          signalGroup(pid, 'SIGKILL');
          signalEach(targetProcesses(pid, mark), 'SIGKILL');
        }, stopGraceMs);
        await within(exit, stopGraceMs + STOP_DEADLINE_MS);
        clearTimeout(kill);
      } else if (!exited) {
        child.kill('SIGKILL');
        await within(exit, STOP_DEADLINE_MS);
      }
      child.stdin?.destroy();
    })());

  let ready: ReadyEvent;
  try {
    ready = await new Promise<ReadyEvent>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(timeoutError(startTimeoutMs, stderr.text(), python)), startTimeoutMs);
      let failure: WsroutesError | undefined;
      const settle = (fn: () => void): void => {
        clearTimeout(timer);
        fn();
      };
      const onEvent = (e: BridgeEvent): void => {
        if (e.event === 'ready') settle(() => resolveReady(e));
        else if (e.event === 'error') failure = errorFromEvent(e, spec, python);
        else if (e.event === 'trace') traces.onTrace(e);
        else if (e.event === 'read') traces.onRead(e);
        else traces.onConnEnd(e);
      };
      readLines(child, onEvent);
      child.once('error', (err: NodeJS.ErrnoException) => settle(() => reject(spawnError(err, python))));
      void exit.then(() => settle(() => reject(failure ?? exitError(child.exitCode, child.signalCode, stderr.text(), python))));
    });
  } catch (err) {
    await stop();
    throw err;
  }

  void exit.then(() => {
    if (!stopping) {
      const how = child.signalCode ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode}`;
      traces.addOrphan(`the Python server ${how} while wsroutes was running\n${stderr.text()}`);
    }
  });
  if (opts.verbose) for (const w of ready.warnings) process.stderr.write(`wsroutes: ${w}\n`);

  const target: PythonTarget = {
    kind: 'python',
    pid: pid ?? ready.pid,
    framework: ready.framework,
    spec,
    baseUrl: `ws://127.0.0.1:${ready.port}`,
    routes: ready.routes,
    traces,
    stop,
  };
  // A fresh server is another bridge process on the same app.
  return withFreshStarts(target, () => startPythonTarget(spec, opts));
}

/** Feeds each stdout line that is one of the bridge's events to `onEvent`, for the child's whole life. */
function readLines(child: ChildProcess, onEvent: (e: BridgeEvent) => void): void {
  // Pieces of the line in progress, joined once its newline comes: each chunk is searched once.
  let pending: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      pending.push(chunk.slice(start, nl));
      const event = parseEvent(pending.join(''));
      pending = [];
      if (event) onEvent(event);
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  });
}
