/**
 * The CLI: parse, run, print, exit. Exit 0 when every tested route passed, 1 when
 * one failed, 2 for usage/config/target errors or when no route was tested,
 * 130 on Ctrl-C, 137 when an in-process app froze the event loop (the reports are written
 * first). Errors are one line on stderr (stack only with --verbose).
 * Once the options are known, every write to stdout and stderr (ours and the app's)
 * and the JSON report pass through the run's redactor: no secret value is printed.
 */
import { resolve } from 'node:path';
import pc from 'picocolors';
import type { Options } from '../config/options.js';
import { describeOptions } from '../config/describe.js';
import type { LoadedOptions } from '../config/load-options.js';
import { WsroutesError, isWsroutesError } from '../errors.js';
import type { Route } from '../discovery/route.js';
import { describeLiterals, hasLiterals } from '../generation/literals.js';
import { formatFailureBlock } from '../reporting/failure-block.js';
import { createProgress } from '../reporting/progress.js';
import { routeFactsText } from '../reporting/route-facts-text.js';
import { formatSummary } from '../reporting/summary.js';
import { renderHtmlReport } from '../reporting/html.js';
import { toJunitXml } from '../reporting/junit.js';
import { checkExportDir, writeExportedTests } from '../export/export-tests.js';
import { jsonReportText } from '../reporting/json-report.js';
import { checkWritable, writeReportFiles } from '../reporting/output-files.js';
import type { Redact } from '../reporting/redact.js';
import { redactor, scrubWrites } from '../reporting/redact.js';
import { scrubFdWrites } from '../reporting/scrub-fd.js';
import { handshakeInputs } from '../execution/auth.js';
import { describeChecks } from '../judgement/checks.js';
import { exitProcess } from '../targets/node/process-exit.js';
import { keepProcessListener } from '../targets/node/signal-guard.js';
import type { RunResult } from '../run/results.js';
import { loadRunOptions } from '../run/load-run-options.js';
import { runWsroutes } from '../run/run.js';
import type { Target } from '../targets/target.js';
import type { CliOptions } from './parse.js';
import { type AfterStop, afterStopLine, listenAfterStop } from './after-stop.js';
import { keepLastWordsCurrent } from './last-words.js';
import { parseArgv } from './parse.js';

export const EXIT = { passed: 0, failed: 1, error: 2, interrupted: 130 } as const;

export async function main(argv: string[]): Promise<number> {
  let options: Options | undefined;
  let target: Target | undefined;
  let stopProgress = (): void => {};
  let interrupted = false;
  let verboseArgv = false;
  let redact: Redact = (s) => s;
  const unscrub: Array<() => void> = [];
  let afterStop: AfterStop | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // exitProcess: the app's process.exit is guarded while it is loaded (targets/node/exit-guard.ts).
    if (interrupted) exitProcess(EXIT.interrupted); // a second Ctrl-C does not wait
    interrupted = true;
    stopProgress();
    process.stderr.write(`wsroutes: interrupted (${signal}), stopping the app\n`);
    void Promise.resolve(target?.stop()).finally(() => exitProcess(EXIT.interrupted));
  };
  // `on`, not `once`: the listener stays counted while the app stops, so other handlers
  // (the Python child guard) know the CLI is handling the signal. Kept: an in-process app
  // that removes every signal listener does not remove ours (targets/node/signal-guard.ts).
  const unlisten = [keepProcessListener('SIGINT', onSignal), keepProcessListener('SIGTERM', onSignal)];
  try {
    const parsed = parseArgv(argv);
    if (parsed.kind === 'exit') {
      process.stdout.write(parsed.output);
      return parsed.code;
    }
    // An action, not a run: nothing is loaded or started.
    if (parsed.cli.values.listChecks) {
      process.stdout.write(`${describeChecks().join('\n')}\n`);
      return EXIT.passed;
    }
    verboseArgv = parsed.cli.values.verbose === true;
    const loaded = await loadRunOptions(parsed.cli.values, process.cwd());
    options = loaded.options;
    const opts = options;
    // The secrets are the expanded values (a bad or unset one is an error here, before the app starts).
    redact = redactor(handshakeInputs(opts).secrets);
    unscrub.push(scrubWrites(process.stdout, redact), scrubWrites(process.stderr, redact), scrubFdWrites(redact));
    if (opts.verbose) process.stderr.write(effectiveConfiguration(loaded, parsed.cli.flags));
    if (!opts.websocket && !opts.http) {
      const where =
        loaded.provenance.websocket === 'cli' ? parsed.cli.flags.websocket : `enabled = false in ${loaded.provenance.websocket.replace(/^config file /, '')}`;
      throw new WsroutesError('NO_ROUTES', `WebSocket testing is off (${where}) and HTTP testing is off (turn it on with --http): nothing to test`);
    }
    // Before the app starts: an unwritable report must not cost the run, nor replace its verdict.
    if (opts.reportJson) checkWritable(parsed.cli.flags.reportJson ?? '--report-json', opts.reportJson, process.cwd());
    if (opts.html) checkWritable(parsed.cli.flags.html ?? '--html', opts.html, process.cwd());
    if (opts.junit) checkWritable(parsed.cli.flags.junit ?? '--junit', opts.junit, process.cwd());
    if (opts.exportTests) checkExportDir(parsed.cli.flags.exportTests ?? '--export-tests', opts.exportTests, process.cwd());
    const result = await runWsroutes(opts, {
      onTarget: (t) => {
        target = t;
        if (t.kind === 'node') afterStop ??= listenAfterStop();
      },
      onStart: ({ target: t, routes, progress, done }) => {
        process.stderr.write(
          `wsroutes: ${t.framework} app ${t.spec} on ${t.baseUrl}; testing ${routes.length} route${routes.length === 1 ? '' : 's'} (seed ${opts.seed})\n`,
        );
        if (opts.verbose) for (const r of routes) process.stderr.write(`  ${r}\n${literalsLine(t.routes.find((d) => d.path === r))}`);
        const p = createProgress(process.stderr, progress);
        p.start();
        // An in-process app may freeze the event loop for good: keep what to write then current.
        const startedAt = performance.now();
        const lastWords = (): void =>
          keepLastWordsCurrent(
            { target: t, routes, done: done(), current: progress().current, durationMs: Math.round(performance.now() - startedAt) },
            opts,
            (run) => reportFiles(run, opts, redact),
            redact,
          );
        lastWords();
        const timer = t.lastWords ? setInterval(lastWords, 1000).unref() : undefined;
        stopProgress = () => {
          clearInterval(timer);
          p.stop();
        };
      },
    });
    stopProgress();
    if (opts.verbose) process.stderr.write(routeFactsText(result));
    printResult(result, opts);
    await writeReportFiles(reportFiles(result, opts, redact));
    if (opts.exportTests) {
      const { written, skipped } = await writeExportedTests(result, opts, opts.exportTests, redact);
      if (written.length)
        process.stderr.write(
          `wsroutes: exported ${written.length} regression test${written.length === 1 ? '' : 's'} to ${opts.exportTests} (run them with node --test)\n`,
        );
      for (const s of skipped) process.stderr.write(`wsroutes: not exported: ${s}\n`);
    }
    process.stderr.write(afterStopLine(afterStop?.heard ?? []));
    // A shard may hold none of the routes: not the user's error (N machines, fewer routes), so exit 0.
    if (opts.shard && result.routes.length === 0) {
      process.stderr.write(`wsroutes: no route in shard ${opts.shard}\n`);
      return EXIT.passed;
    }
    if (result.routes.every((r) => r.status === 'skipped')) {
      process.stderr.write('wsroutes: no route was tested (every route was skipped)\n');
      return EXIT.error;
    }
    return result.routes.some((r) => r.status === 'failed') ? EXIT.failed : EXIT.passed;
  } catch (e) {
    stopProgress();
    const message = isWsroutesError(e) ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`wsroutes: ${message}\n`);
    if ((options?.verbose ?? verboseArgv) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return EXIT.error;
  } finally {
    for (const restore of unscrub) restore();
    for (const undo of unlisten) undo();
    afterStop?.dispose();
  }
}

/** The report files of a run (JSON, HTML, JUnit), each path with its text: written at the end, or by the freeze watchdog. */
function reportFiles(run: RunResult, o: Options, redact: Redact): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  if (o.reportJson) files.push({ path: resolve(o.reportJson), text: jsonReportText(run, redact) });
  if (o.html) files.push({ path: resolve(o.html), text: renderHtmlReport(run, redact) });
  if (o.junit) files.push({ path: resolve(o.junit), text: toJunitXml(run, redact) });
  return files;
}

function printResult(result: RunResult, o: Options): void {
  const color = pc.isColorSupported && process.stdout.isTTY === true;
  for (const route of result.routes) {
    for (const failure of route.failures) process.stdout.write(`${formatFailureBlock(route, failure, { color })}\n`);
  }
  if (o.verbose && result.orphanTraces.length) {
    process.stdout.write(`Server errors not tied to any connection:\n${result.orphanTraces.join('\n\n')}\n\n`);
  } else if (result.orphanTraces.length) {
    // Not a route's failure (no connection caused it), but never swallowed without a word.
    const n = result.orphanTraces.length;
    const first = (result.orphanTraces[0] ?? '').split('\n', 1)[0];
    process.stderr.write(`wsroutes: the app raised ${n} error${n === 1 ? '' : 's'} outside any connection (${first}); --verbose prints them\n`);
  }
  process.stdout.write(`${formatSummary(result, { color })}\n`);
}

/** What --verbose prints first: the config source used (and those ignored), then each option. */
function effectiveConfiguration(loaded: LoadedOptions, flags: CliOptions['flags']): string {
  const source = loaded.config
    ? `config ${loaded.config.label}${loaded.config.ignored.length ? ` (ignored, lower in precedence: ${loaded.config.ignored.join(', ')})` : ''}`
    : 'no config file';
  const lines = describeOptions(loaded.options, loaded.provenance, flags);
  return `wsroutes: effective configuration (${source}; command line > config file > defaults):\n${lines.join('\n')}\n`;
}

/** The --verbose line under a route whose handler code gave literals (issue 10), else nothing. */
function literalsLine(route: Route | undefined): string {
  return route?.literals && hasLiterals(route.literals) ? `    literals: ${describeLiterals(route.literals)}\n` : '';
}
