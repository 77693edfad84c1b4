import { describe, expect, test } from 'vitest';
import type { ScriptRecording } from '../execution/run-script.js';
import type { Transcript } from '../execution/transcript.js';
import type { Script, ScriptStep } from '../generation/script.js';
import { judgeScript } from './script.js';

const ctx = { connectionTimeoutMs: 2000, messageTimeoutMs: 300 };

function transcript(over: Partial<Transcript> = {}): Transcript {
  return {
    url: '/room/r',
    offeredSubprotocols: [],
    handshake: { outcome: 'accepted', subprotocol: '', ms: 1 },
    messages: [{ type: 'text', data: 'x' }],
    sentCount: 1,
    ackedCount: 1,
    received: { count: 0, bytes: 0 },
    clientClose: { code: 1000, at: 2 },
    serverClose: { code: 1000, reason: '', frame: true, at: 3, answeredOurs: true, ackedCount: 1 },
    serverTraces: [],
    elapsedMs: 3,
    ...over,
  };
}
const closedBy = (code: number): Partial<Transcript> => ({
  clientClose: undefined,
  serverClose: { code, reason: '', frame: true, at: 2, answeredOurs: false, ackedCount: 1 },
});
const script = (clients: number, steps: ScriptStep[]): Script => ({
  kind: 'script',
  clients: Array.from({ length: clients }, () => ({ params: { room: 'r' } })),
  steps,
});
const connect = (client: number): ScriptStep => ({ client, action: 'connect' });
const send = (client: number): ScriptStep => ({ client, action: 'send', message: { type: 'text', data: 'x' } });
const close = (client: number): ScriptStep => ({ client, action: 'close', code: 1000 });
const recording = (transcripts: Transcript[], troubleAt: Array<number | undefined> = [], skippedSteps: number[] = []): ScriptRecording => ({
  transcripts,
  clients: transcripts.map((_t, i) => i),
  troubleAt: transcripts.map((_t, i) => troubleAt[i]),
  skippedSteps,
});

describe('judgeScript', () => {
  const steps = script(2, [connect(0), connect(1), send(1), send(0), close(0), close(1)]);

  test('every client passes: no verdict, client 0 reported', () => {
    const rec = recording([transcript(), transcript()]);
    const out = judgeScript(steps, rec, ctx);
    expect(out.judgement).toEqual({});
    expect(out.failedClient).toBeUndefined();
    expect(out.transcript).toBe(rec.transcripts[0]);
    expect(out.transcripts).toBe(rec.transcripts);
  });

  test('the client that went wrong at the earliest step fails, with how many clients had acted by then', () => {
    const rec = recording([transcript(closedBy(1011)), transcript(closedBy(1011))], [3, 2], [5]);
    const out = judgeScript(steps, rec, ctx);
    expect(out).toMatchObject({ failedClient: 1, failedStep: 2, actedBefore: 2, skippedSteps: [5] });
    expect(out.judgement.verdict).toMatchObject({ errorType: 'server_error', closeCode: 1011 });
    expect(out.transcript).toBe(rec.transcripts[1]);
  });

  test('a failing client with no recorded trouble step fails at its last step', () => {
    const out = judgeScript(steps, recording([transcript(closedBy(1011)), transcript()]), ctx);
    expect(out).toMatchObject({ failedClient: 0, failedStep: 4, actedBefore: 2 });
  });

  test('every client refused: the script is untested; no client sent anything: inconclusive', () => {
    const refused = transcript({ ...closedBy(4401), ackedCount: 0, sentCount: 0, serverClose: { ...closedBy(4401).serverClose!, ackedCount: 0 } });
    expect(judgeScript(steps, recording([refused, refused]), ctx).judgement).toEqual({ untested: expect.objectContaining({ closeCode: 4401 }) });
    const silent = transcript({ messages: [], sentCount: 0, ackedCount: 0 });
    const out = judgeScript(script(2, [connect(0), connect(1), close(0), close(1)]), recording([silent, silent]), ctx);
    expect(out).toMatchObject({ judgement: {}, inconclusive: true });
  });
});
