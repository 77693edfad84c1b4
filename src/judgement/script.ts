/**
 * Judges a multi-client script: each client's transcript as a one-client one is
 * (`judge`), and the failure is the client whose connection went wrong at the earliest
 * step. Pure: tests are literal recordings. Also what a judged example run yields
 * (`RunOutcome`), a sequence or a script, for shrinking and the run.
 */
import type { ScriptRecording } from '../execution/run-script.js';
import type { Transcript } from '../execution/transcript.js';
import type { Script } from '../generation/script.js';
import type { JudgeContext } from './context.js';
import { type Judgement, judge } from './index.js';

/** One example run: the transcript judged, and of a multi-client script every client's and where it failed. */
export interface RunOutcome {
  transcript: Transcript;
  judgement: Judgement;
  transcripts?: Transcript[];
  failedClient?: number;
  failedStep?: number;
  /** A multi-client script: how many clients had acted up to the failing step. */
  actedBefore?: number;
  /** A multi-client script: steps that did nothing (the connection was already gone). */
  skippedSteps?: number[];
  /** A multi-client script none of whose clients sent a message: no sign whether the route refuses them. */
  inconclusive?: boolean;
}

export interface ScriptOutcome extends RunOutcome {
  /** One per client, in client order (a client whose connect never ran has none). */
  transcripts: Transcript[];
  /** The failing client's judgement, else empty. */
  judgement: Judgement;
  /** The transcript to report: the failing client's, else client 0's. */
  transcript: Transcript;
}

export function judgeScript(script: Script, recording: ScriptRecording, ctx: JudgeContext): ScriptOutcome {
  const { transcripts, clients, troubleAt, skippedSteps } = recording;
  let failed: { client: number; step: number; judgement: Judgement; transcript: Transcript } | undefined;
  const untested: Array<NonNullable<Judgement['untested']>> = [];
  // Clients that sent nothing tell nothing about a refusal (a login route waits for them).
  let silent = 0;
  clients.forEach((client, k) => {
    const transcript = transcripts[k]!;
    const judgement = judge(transcript, ctx);
    if (judgement.untested) untested.push(judgement.untested);
    else if (!judgement.verdict && transcript.sentCount === 0) silent++;
    if (!judgement.verdict) return;
    const step = troubleAt[k] ?? lastStepOf(script, client);
    if (!failed || step < failed.step) failed = { client, step, judgement, transcript };
  });
  if (failed) {
    const actedBefore = new Set(script.steps.slice(0, failed.step + 1).map((s) => s.client)).size;
    return {
      transcripts,
      judgement: failed.judgement,
      failedClient: failed.client,
      failedStep: failed.step,
      actedBefore,
      skippedSteps,
      transcript: failed.transcript,
    };
  }
  // Every client refused (a route that wants credentials): the script tested nothing either.
  const refused = untested.length > 0 && untested.length + silent === clients.length;
  // No client sent anything: it says nothing about whether the route lets messages in.
  const inconclusive = silent === clients.length;
  return {
    transcripts,
    judgement: refused ? { untested: untested[0]! } : {},
    transcript: transcripts[0]!,
    skippedSteps,
    ...(inconclusive && { inconclusive }),
  };
}

function lastStepOf(script: Script, client: number): number {
  for (let i = script.steps.length - 1; i >= 0; i--) if (script.steps[i]!.client === client) return i;
  return script.steps.length - 1;
}
