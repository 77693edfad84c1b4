/**
 * `npm run bench`: wsroutes' cost per sequence and per message on an echo route
 * and a silent sink route, beside a hand-written `ws` loop doing the same sends
 * on the same kind of server. Prints a table; asserts nothing (timings are read
 * by people, never by tests).
 *
 * Targets (issue 3): sink <= 2x echo; wsroutes per-message cost on echo <= 3x the loop.
 * Then (issue 4) wsroutes beside pytest-routes on a FastAPI app (bench/pytest-routes.ts);
 * `npm run bench -- --node-only` skips that part. Issue 12: the echo route at defaults beside
 * a lock-step loop over the very examples wsroutes draws (bench/lock-step.ts), in alternating
 * rounds (<= 1.5x), sink beside echo (<= 1.2x), and how a run grows with routes and with a
 * flooding route (bench/scale.ts).
 */
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { resolveOptions, type Options } from '../src/config/options.js';
import { websocketRoute } from '../src/discovery/route.js';
import { toFrame } from '../src/generation/message.js';
import { sequenceArb, type Sequence } from '../src/generation/sequence.js';
import { runWsroutes } from '../src/run/run.js';
import { routeSeed } from '../src/shrinking/route-seed.js';
import createBenchServer from './bench-app.js';
import { benchPytestRoutes } from './pytest-routes.js';
import { benchHttp } from './http.js';
import { benchScale } from './scale.js';
import { examplesFor, lockStepLoop } from './lock-step.js';

const SEQUENCES = 100;
const MESSAGES = 10;
const ROUNDS = 5;
const PAIRED_ROUNDS = 9;
const SEED = 4242;

interface Sample {
  ms: number;
  messages: number;
  /** wsroutes: the route's own time (RouteResult.durationMs), without starting and stopping the app. */
  routeMs?: number;
}

/** The options of a bench run; `concurrency` undefined: the default, adaptive budget. */
function benchOptions(route: string, concurrency: number | undefined, extra: Partial<Options> = {}): Options {
  return resolveOptions({
    app: 'bench/bench-app.ts',
    include: [route],
    maxExamples: SEQUENCES,
    maxMessages: MESSAGES,
    seed: SEED,
    ...(concurrency === undefined ? {} : { concurrency }),
    ...extra,
  });
}

async function wsroutesRun(route: string, concurrency: number | undefined, extra: Partial<Options> = {}): Promise<Sample> {
  const options = benchOptions(route, concurrency, extra);
  const t0 = performance.now();
  const result = await runWsroutes(options);
  const ms = performance.now() - t0;
  const r = result.routes[0]!;
  const expected = route === '/crash' ? 'failed' : 'passed';
  if (r.status !== expected) throw new Error(`bench route ${route} is ${r.status}, not ${expected}`);
  return { ms, messages: r.messagesSent, routeMs: r.durationMs };
}

/**
 * The same sequences wsroutes generates for that route, sent by a plain loop, one connection
 * at a time, each connection's messages pipelined and (on echo) all echoes awaited.
 */
async function handLoop(route: string, sequences: Sequence[], port: number): Promise<Sample> {
  let messages = 0;
  const t0 = performance.now();
  for (const seq of sequences) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${route}`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    let echoed = 0;
    const allEchoed = new Promise<void>((resolve) => {
      if (route !== '/echo') return resolve();
      ws.on('message', () => ++echoed === seq.messages.length && resolve());
    });
    for (const m of seq.messages) {
      const f = toFrame(m);
      ws.send(f.data, { binary: f.binary });
      messages++;
    }
    await allEchoed;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(seq.closeCode);
    });
  }
  return { ms: performance.now() - t0, messages };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  label: string;
  ms: number;
  perMsgUs: number;
  messages: number;
  routeMs?: number;
}

/** One row from a measure's samples: the medians. */
function rowOf(label: string, samples: Sample[]): Row {
  const ms = median(samples.map((s) => s.ms));
  const messages = samples[0]!.messages;
  const routeMs = samples[0]!.routeMs === undefined ? undefined : median(samples.map((s) => s.routeMs!));
  return { label, ms, messages, perMsgUs: (ms * 1000) / messages, ...(routeMs === undefined ? {} : { routeMs }) };
}

function printRows(rows: Iterable<Row>): void {
  console.log("| run | wall ms | the route's own ms | messages | µs per message |");
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.ms.toFixed(0)} | ${r.routeMs === undefined ? '' : r.routeMs.toFixed(0)} | ${r.messages} | ${r.perMsgUs.toFixed(1)} |`);
  }
}

async function measure(label: string, fn: () => Promise<Sample>): Promise<Row> {
  await fn(); // warm-up
  const samples: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await fn());
  return rowOf(label, samples);
}

/**
 * Runs each named measure once per round, alternating, after one warm-up round: a run's
 * place in the bench (JIT, the heap grown by earlier in-process app loads) then weighs on
 * both sides of a ratio alike. Medians per name.
 */
async function paired(measures: Record<string, () => Promise<Sample>>, rounds: number): Promise<Map<string, Row>> {
  const samples = new Map<string, Sample[]>();
  for (let i = 0; i <= rounds; i++) {
    for (const [name, fn] of Object.entries(measures)) {
      const sample = await fn();
      if (i > 0) samples.set(name, [...(samples.get(name) ?? []), sample]);
    }
  }
  return new Map([...samples].map(([label, xs]) => [label, rowOf(label, xs)]));
}

/** The lock-step loop over the examples wsroutes draws with `options`. */
function lockStep(options: Options, port: number): () => Promise<Sample> {
  const examples = examplesFor('/echo', options, SEQUENCES);
  return async () => {
    const t0 = performance.now();
    const messages = await lockStepLoop('/echo', examples, `ws://127.0.0.1:${port}`);
    return { ms: performance.now() - t0, messages };
  };
}

async function main(): Promise<void> {
  const server = createBenchServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const seqsFor = (route: string): Sequence[] =>
    fc.sample(sequenceArb(websocketRoute(route), { maxMessages: MESSAGES, maxMessageSize: 65_536, closeCodes: [1000, 1001] }), {
      seed: routeSeed(SEED, route),
      numRuns: SEQUENCES,
    });
  const rows = [
    await measure('wsroutes /echo (defaults)', () => wsroutesRun('/echo', undefined)),
    await measure('wsroutes /sink (defaults)', () => wsroutesRun('/sink', undefined)),
    await measure('wsroutes /echo (concurrency 8)', () => wsroutesRun('/echo', 8)),
    await measure('wsroutes /sink (concurrency 8)', () => wsroutesRun('/sink', 8)),
    await measure('wsroutes /echo (concurrency 8, --ws-max-clients 1)', () => wsroutesRun('/echo', 8, { maxClients: 1 })),
    await measure('wsroutes /sink (concurrency 8, --ws-max-clients 1)', () => wsroutesRun('/sink', 8, { maxClients: 1 })),
    await measure('wsroutes /echo (concurrency 1, --ws-max-clients 1)', () => wsroutesRun('/echo', 1, { maxClients: 1 })),
    await measure('wsroutes /sink (concurrency 1, --ws-max-clients 1)', () => wsroutesRun('/sink', 1, { maxClients: 1 })),
    // Issue 10: a route with one planted crash, every distinct failure and the fresh-server replay
    // (defaults) beside the first failure only, one client at a time (what a run did before).
    await measure('wsroutes /crash (defaults)', () => wsroutesRun('/crash', 8)),
    await measure('wsroutes /crash (--max-failures 1 --ws-max-clients 1)', () => wsroutesRun('/crash', 8, { maxFailures: 1, maxClients: 1 })),
    await measure('hand-written ws loop /echo', () => handLoop('/echo', seqsFor('/echo'), port)),
    await measure('hand-written ws loop /sink', () => handLoop('/sink', seqsFor('/sink'), port)),
  ];
  console.log(`\n${SEQUENCES} sequences of up to ${MESSAGES} messages, median of ${ROUNDS} rounds (after one warm-up)\n`);
  printRows(rows);
  const by = (l: string) => rows.find((r) => r.label === l)!;
  const sinkVsEcho = by('wsroutes /sink (concurrency 8)').ms / by('wsroutes /echo (concurrency 8)').ms;
  const echoVsLoop = by('wsroutes /echo (concurrency 1, --ws-max-clients 1)').perMsgUs / by('hand-written ws loop /echo').perMsgUs;
  const echoVsLoopC8 = by('wsroutes /echo (concurrency 8, --ws-max-clients 1)').perMsgUs / by('hand-written ws loop /echo').perMsgUs;
  console.log(`\nsink / echo (wsroutes, concurrency 8): ${sinkVsEcho.toFixed(2)}x  (target <= 2x)`);
  // Issue 12: at defaults (adaptive budget, scripts on).
  const sinkVsEchoDefaults = by('wsroutes /sink (defaults)').ms / by('wsroutes /echo (defaults)').ms;
  console.log(`sink / echo (wsroutes, defaults): ${sinkVsEchoDefaults.toFixed(2)}x  (target <= 1.2x)`);
  // The lock-step loop sends the very examples wsroutes drew (the same connections and messages);
  // the pairs run alternately, so neither side meets a warmer process.
  const pairs = await paired(
    {
      defaults: () => wsroutesRun('/echo', undefined),
      'loop, the same examples': lockStep(benchOptions('/echo', undefined), port),
      'one client, concurrency 1': () => wsroutesRun('/echo', 1, { maxClients: 1 }),
      'loop, one client per example': lockStep(benchOptions('/echo', 1, { maxClients: 1 }), port),
    },
    PAIRED_ROUNDS,
  );
  console.log(`\nwsroutes /echo beside the lock-step ws loop over the same examples, ${PAIRED_ROUNDS} alternating rounds (medians):\n`);
  printRows(pairs.values());
  const perMsg = (r: Row, ms: number): number => (ms * 1000) / r.messages;
  for (const [wsLabel, loopLabel] of [
    ['defaults', 'loop, the same examples'],
    ['one client, concurrency 1', 'loop, one client per example'],
  ] as const) {
    const w = pairs.get(wsLabel)!;
    const loop = pairs.get(loopLabel)!;
    console.log(
      `wsroutes /echo (${wsLabel}) / lock-step loop (${loopLabel}), per message: ${(w.perMsgUs / loop.perMsgUs).toFixed(2)}x the whole call, ${(perMsg(w, w.routeMs!) / loop.perMsgUs).toFixed(2)}x the route's own time (without starting and stopping the app)  (target <= 1.5x)`,
    );
  }
  // Issue 11: multi-client scripts (on by default); on routes whose bugs need one client they may cost at most 1.5x.
  for (const r of ['/echo', '/sink']) {
    const ratio = by(`wsroutes ${r} (concurrency 8)`).ms / by(`wsroutes ${r} (concurrency 8, --ws-max-clients 1)`).ms;
    console.log(`scripts on (default) / off, ${r} (concurrency 8): ${ratio.toFixed(2)}x  (target <= 1.5x)`);
  }
  const crash = by('wsroutes /crash (defaults)').ms / by('wsroutes /crash (--max-failures 1 --ws-max-clients 1)').ms;
  console.log(`one planted crash, defaults / first failure only: ${crash.toFixed(2)}x  (target <= 2x)`);
  console.log(
    `wsroutes / hand loop, per message on echo: ${echoVsLoop.toFixed(2)}x at concurrency 1, ${echoVsLoopC8.toFixed(2)}x at concurrency 8  (target <= 3x)`,
  );
  server.close();
  console.log('\n## Scale: routes, a flooding route, peak memory\n');
  console.log(await benchScale());
  if (!process.argv.includes('--node-only')) {
    console.log('\n## wsroutes vs pytest-routes 0.4.1 on a four-route FastAPI app\n');
    console.log(await benchPytestRoutes());
    console.log('\n## HTTP routes (--http)\n');
    console.log(await benchHttp());
  }
  process.exit(0);
}

await main();
