/**
 * Run an example, then judge what it recorded: execution records (`execution/`), judgement
 * judges (`judgement/`), and these runners compose the two for exploration, shrinking and
 * the fresh replays. A sequence is judged by `judge`, a script by `judgeScript`.
 */
import type { Options } from '../config/options.js';
import type { Route } from '../discovery/route.js';
import type { AuthParts } from '../execution/auth.js';
import type { Pool } from '../execution/pool.js';
import { type ScriptPlan, recordScript, scriptPlan, scriptRecorder } from '../execution/run-script.js';
import { type RunMode, sequenceRecorder } from '../execution/run-sequence.js';
import { protocolOf } from '../protocols/index.js';
import type { Transcript } from '../execution/transcript.js';
import type { Example, Script } from '../generation/script.js';
import { isScript } from '../generation/script.js';
import type { Sequence } from '../generation/sequence.js';
import { type EnabledChecks, selectChecks } from '../judgement/checks.js';
import type { JudgeContext } from '../judgement/context.js';
import { type Judgement, judge } from '../judgement/index.js';
import { judgeScript, type RunOutcome, type ScriptOutcome } from '../judgement/script.js';
import type { Target } from '../targets/target.js';

export type { RunOutcome, ScriptOutcome } from '../judgement/script.js';

export type SequenceRunner = (seq: Sequence, mode?: RunMode) => Promise<{ transcript: Transcript; judgement: Judgement }>;

export type ExampleRunner = (example: Example, mode?: RunMode) => Promise<RunOutcome>;

// The enabled checks of a run's options, selected once (a script builds a context per example).
const enabled = new WeakMap<Options, EnabledChecks>();

export function checksOf(options: Options): EnabledChecks {
  let checks = enabled.get(options);
  if (!checks) enabled.set(options, (checks = selectChecks(options.checks, options.excludeChecks)));
  return checks;
}

function judgeContext(options: Options, connectionTimeoutMs = options.connectionTimeoutMs): JudgeContext {
  return { connectionTimeoutMs, messageTimeoutMs: options.messageTimeoutMs, checks: checksOf(options) };
}

/** One sequence on one connection of the route (a slot of `pool`), judged. */
export function sequenceRunner(route: Route, target: Target, options: Options, auth: AuthParts, pool: Pool): SequenceRunner {
  const record = sequenceRecorder(route, target, options, auth, pool, protocolOf(route).answers);
  const ctx = judgeContext(options);
  return async (seq, mode) => {
    const transcript = await record(seq, mode);
    return { transcript, judgement: judge(transcript, ctx) };
  };
}

/**
 * The route's runner for what its arbitrary draws: a sequence goes to `run` (one
 * connection, as without scripts), a script is recorded in one pool slot per client and
 * judged client by client.
 */
export function exampleRunner(run: SequenceRunner, route: Route, target: Target, options: Options, auth: AuthParts, pool: Pool): ExampleRunner {
  const record = scriptRecorder(scriptPlan(route, target, options, auth, protocolOf(route).answers), pool);
  return async (example, mode) => {
    if (!isScript(example)) return run(example, mode);
    const recording = await record(example, mode);
    return judgeScript(example, recording, judgeContext(options, mode?.connectionTimeoutMs));
  };
}

/** A script recorded on its own (no pool) and judged. */
export async function runScript(script: Script, plan: ScriptPlan, opts: { pipelined?: boolean } = {}): Promise<ScriptOutcome> {
  const recording = await recordScript(script, plan, opts);
  return judgeScript(script, recording, { connectionTimeoutMs: plan.connectionTimeoutMs, messageTimeoutMs: plan.messageTimeoutMs });
}
