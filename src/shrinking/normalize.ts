/**
 * A pass after fast-check's shrinking. fast-check shrinks within the kind a
 * message was drawn as, so a bug in a text handler found through a JSON message
 * stays a JSON value (a 24-character edge number, say). Here each JSON message is
 * re-sent as the text it serialises to, and when that still fails, the text is
 * shrunk by walking fast-check's own shrink stream for strings (greedy: take the
 * first smaller candidate that still fails, repeat).
 */
import fc from 'fast-check';
import type { Sequence } from '../generation/sequence.js';
import { sameFailureKey } from '../judgement/signature.js';
import type { Found, Runner, Tally } from './property.js';

const printable = fc.string({ unit: 'grapheme-ascii' });
// Built on first use: fast-check takes seconds to build the 'binary' unit.
let anyTextArb: fc.Arbitrary<string> | undefined;
const anyText = (): fc.Arbitrary<string> => (anyTextArb ??= fc.string({ unit: 'binary' }));

export async function normalize(found: Found, run: Runner<Sequence>, opts: { deadline: number }, tally: Tally): Promise<{ found: Found; runs: number }> {
  const key = sameFailureKey(found.verdict);
  let best = found;
  let runs = 0;
  /** The candidate as a Found when it fails the same way, else undefined. */
  const attempt = async (sequence: Sequence): Promise<Found | undefined> => {
    if (Date.now() > opts.deadline) return undefined;
    runs++;
    const outcome = await run(sequence, { stepwise: true });
    tally(outcome, 'shrink');
    const v = outcome.judgement.verdict;
    return v && sameFailureKey(v) === key ? { index: found.index, sequence, outcome, verdict: v } : undefined;
  };
  const withMessage = (seq: Sequence, i: number, data: string): Sequence => ({
    ...seq,
    messages: seq.messages.map((m, j) => (j === i ? { type: 'text', data } : m)),
  });

  for (let i = 0; i < best.sequence.messages.length; i++) {
    const m = best.sequence.messages[i]!;
    if (m.type !== 'json') continue;
    const serialised = JSON.stringify(m.data);
    const asText = await attempt(withMessage(best.sequence, i, serialised));
    if (!asText) continue;
    // Keep the JSON form unless the text form shrinks further (`null` stays JSON null).
    const arb = printable.canShrinkWithoutContext(serialised) ? printable : anyText();
    let text = serialised;
    let smallest: Found | undefined;
    let smaller = true;
    while (smaller && Date.now() <= opts.deadline) {
      smaller = false;
      for (const candidate of arb.shrink(text, undefined)) {
        const f = await attempt(withMessage(asText.sequence, i, candidate.value));
        if (f) {
          text = candidate.value;
          smallest = f;
          smaller = true;
          break;
        }
        if (Date.now() > opts.deadline) break;
      }
    }
    if (smallest) best = smallest;
  }
  return { found: best, runs };
}
