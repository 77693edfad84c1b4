/**
 * A pass after fast-check's shrinking. fast-check shrinks within the kind a
 * message was drawn as, so a bug in a text handler found through a JSON message
 * stays a JSON value (a 24-character edge number, say). Here each JSON message is
 * re-sent as the text it serialises to, and when that still fails, the text is
 * shrunk by walking fast-check's own shrink stream for strings (greedy: take the
 * first smaller candidate that still fails, repeat).
 */
import fc from 'fast-check';
import type { SequenceRunner } from '../execution/run-sequence.js';
import type { Sequence } from '../generation/sequence.js';
import { failureKey } from '../judgement/failure.js';
import type { Found, Tally } from './property.js';

const printable = fc.string({ unit: 'grapheme-ascii' });
const anyText = fc.string({ unit: 'binary' });

export async function normalize(
  found: Found,
  run: SequenceRunner,
  opts: { deadline: number },
  tally: Tally,
): Promise<{ found: Found; runs: number }> {
  const key = failureKey(found.verdict);
  let best = found;
  let runs = 0;
  const fails = async (sequence: Sequence): Promise<boolean> => {
    if (Date.now() > opts.deadline) return false;
    runs++;
    const { transcript, judgement } = await run(sequence, { stepwise: true });
    tally(transcript, 'shrink');
    const v = judgement.verdict;
    if (!v || failureKey(v) !== key) return false;
    best = { index: found.index, sequence, transcript, verdict: v };
    return true;
  };
  const withMessage = (seq: Sequence, i: number, data: string): Sequence => ({
    ...seq,
    messages: seq.messages.map((m, j) => (j === i ? { type: 'text', data } : m)),
  });

  for (let i = 0; i < best.sequence.messages.length; i++) {
    const m = best.sequence.messages[i]!;
    if (m.type !== 'json') continue;
    let text = JSON.stringify(m.data);
    if (!(await fails(withMessage(best.sequence, i, text)))) continue;
    const arb = printable.canShrinkWithoutContext(text) ? printable : anyText;
    let smaller = true;
    while (smaller && Date.now() <= opts.deadline) {
      smaller = false;
      for (const candidate of arb.shrink(text, undefined)) {
        if (await fails(withMessage(best.sequence, i, candidate.value))) {
          text = candidate.value;
          smaller = true;
          break;
        }
        if (Date.now() > opts.deadline) break;
      }
    }
  }
  return { found: best, runs };
}
