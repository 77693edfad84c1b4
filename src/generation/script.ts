/**
 * Multi-client scripts: 2..maxClients clients of one route, their connect, send and
 * close steps interleaved, so bugs of rooms, broadcast and presence are found.
 *
 * Each client is a value of the route's own sequence arbitrary (its params, messages
 * and close code), kept with its fast-check context, so a client shrinks exactly as a
 * one-client sequence does; around them the script holds how many messages each client
 * sends, the interleaving, and whether some clients use the second client's URL (two
 * URLs of one template). `exampleArb` is the route's arbitrary when scripts are on: a
 * sequence (weight 2) or a script (weight 1); the i-th sequence is the one drawn without
 * scripts, and the i-th script's client 0 is it as well (a test pins this). A script shrinks first to each of its
 * clients' sequences alone (a one-client example is simpler than any script), then to
 * fewer clients, a plainer interleaving, fewer messages and simpler messages.
 */
import fc from 'fast-check';
import type { Message } from './message.js';
import type { Sequence } from './sequence.js';

export type ScriptAction = 'connect' | 'send' | 'close';

export interface ScriptStep {
  client: number;
  action: ScriptAction;
  /** send: the message. */
  message?: Message;
  /** close: the code. */
  code?: number;
}

export interface ScriptClient {
  params: Record<string, string>;
  /** Subprotocols offered at the handshake, as the client's sequence drew them. */
  subprotocols?: Sequence['subprotocols'];
}

/** A script as the runner executes it: steps in execution order. */
export interface Script {
  kind: 'script';
  clients: ScriptClient[];
  steps: ScriptStep[];
}

/** What a route's property draws: one connection's sequence, or a script. */
export type Example = Sequence | Script;

export function isScript(e: Example): e is Script {
  return (e as Script).kind === 'script';
}

/** The parts a script is built from; every one of them shrinks. */
interface ScriptParts {
  clients: Array<fc.Value<Sequence>>;
  /** Messages each client sends (at most its sequence's). */
  takes: number[];
  /** The interleaving: the next step of client `schedule[k] % n`; the rest in client order. */
  schedule: number[];
  /** Clients (index >= 1) connecting to client 1's URL instead of client 0's; null: all on client 0's. */
  mixed: boolean[] | null;
}

/**
 * Steps in execution order: each client connects, sends its first `take` messages and
 * closes. The script as a whole sends at most `maxMessages` (the budget of one sequence):
 * later clients' takes are cut to what is left.
 */
export function buildScript(clients: Sequence[], takes: number[], schedule: number[], mixed: boolean[] | null, maxMessages = Infinity): Script {
  const n = clients.length;
  let budget = maxMessages;
  const actions = clients.map((seq, client): ScriptStep[] => {
    const take = Math.max(0, Math.min(takes[client] ?? 0, seq.messages.length, budget));
    budget -= take;
    return [
      { client, action: 'connect' },
      ...seq.messages.slice(0, take).map((message): ScriptStep => ({ client, action: 'send', message })),
      { client, action: 'close', code: seq.closeCode },
    ];
  });
  const next = clients.map(() => 0);
  const steps: ScriptStep[] = [];
  const take = (c: number): void => {
    const step = actions[c]![next[c]!];
    if (step) {
      steps.push(step);
      next[c]!++;
    }
  };
  for (const s of schedule) take(s % n);
  for (let c = 0; c < n; c++) while (next[c]! < actions[c]!.length) take(c);
  const urlOf = (c: number): number => (mixed?.[c] && c >= 1 ? 1 : 0);
  return {
    kind: 'script',
    clients: clients.map((seq, c) => ({
      params: clients[urlOf(c)]!.params,
      ...(seq.subprotocols ? { subprotocols: seq.subprotocols } : {}),
    })),
    steps,
  };
}

type Ctx = { kind: 'sequence'; inner: unknown } | { kind: 'script'; parts: ScriptParts; fresh: boolean };

export interface ScriptConstraints {
  /** 2 or more. */
  maxClients: number;
  maxMessages: number;
  /** The route has path parameters, so two clients may be on two URLs. */
  twoUrls: boolean;
}

/** The route's examples with scripts: sequences (weight 2) and scripts (weight 1). */
export function exampleArb(sequence: fc.Arbitrary<Sequence>, c: ScriptConstraints): fc.Arbitrary<Example> {
  return new ExampleArbitrary(sequence, c);
}

class ExampleArbitrary extends fc.Arbitrary<Example> {
  constructor(
    private readonly sequence: fc.Arbitrary<Sequence>,
    private readonly c: ScriptConstraints,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Example> {
    // The sequence first, from the same random state as without scripts: every example that is
    // a sequence is the one drawn without scripts, and a script's client 0 is that sequence too
    // (fast-check gives each example its own random stream, so what follows changes no other).
    const first = this.sequence.generate(mrng, biasFactor);
    if (mrng.nextInt(0, 2) < 2) return this.asSequence(first);
    const n = mrng.nextInt(2, this.c.maxClients);
    const clients = [first, ...Array.from({ length: n - 1 }, () => this.sequence.generate(mrng, biasFactor))];
    // Together the clients send about one sequence's worth: each step of a script is awaited,
    // so n full sequences would cost n times a pipelined one, and room bugs need few messages.
    const share = Math.max(1, Math.ceil(this.c.maxMessages / n));
    const takes = clients.map((v) => mrng.nextInt(0, Math.min(share, v.value.messages.length)));
    const schedule = Array.from({ length: mrng.nextInt(0, n * (this.c.maxMessages + 2)) }, () => mrng.nextInt(0, n - 1));
    const mixed = this.c.twoUrls && mrng.nextInt(0, 3) === 0 ? clients.map((_v, i) => i >= 1 && mrng.nextBoolean()) : null;
    return this.asScript({ clients, takes, schedule, mixed }, true);
  }

  canShrinkWithoutContext(_value: unknown): _value is Example {
    return false;
  }

  shrink(_value: Example, context: unknown): fc.Stream<fc.Value<Example>> {
    const ctx = context as Ctx | undefined;
    if (!ctx) return fc.Stream.nil();
    if (ctx.kind === 'sequence') return this.sequence.shrink(_value as Sequence, ctx.inner).map((v) => this.asSequence(v));
    return new fc.Stream(this.scriptShrinks(ctx.parts, ctx.fresh));
  }

  private asSequence(v: fc.Value<Sequence>): fc.Value<Example> {
    return new fc.Value<Example>(v.value, { kind: 'sequence', inner: v.context } satisfies Ctx);
  }

  private asScript(parts: ScriptParts, fresh: boolean): fc.Value<Example> {
    const value = buildScript(
      parts.clients.map((v) => v.value),
      parts.takes,
      parts.schedule,
      parts.mixed,
      this.c.maxMessages,
    );
    return new fc.Value<Example>(value, { kind: 'script', parts, fresh } satisfies Ctx);
  }

  private *scriptShrinks(p: ScriptParts, fresh: boolean): IterableIterator<fc.Value<Example>> {
    // A candidate that runs the same steps as this script would only cost a run: skipped.
    const shape = (v: fc.Value<Example>): string =>
      (v.value as Script).steps.map((s) => `${s.client}${s.action[1]}`).join('') + JSON.stringify((v.value as Script).clients.map((c) => c.params));
    const here = shape(this.asScript(p, false));
    const script = (q: Partial<ScriptParts>): fc.Value<Example> => this.asScript({ ...p, ...q }, false);
    const changed = (q: Partial<ScriptParts>): fc.Value<Example>[] => {
      const v = script(q);
      return shape(v) === here ? [] : [v];
    };
    // One client alone first: if its own sequence fails, the bug needs no other client.
    // Only for the drawn script: a client's shrunk messages are a subset of its drawn ones.
    if (fresh) for (const v of p.clients) yield this.asSequence(v);
    if (p.mixed?.some(Boolean)) yield script({ mixed: null });
    const n = p.clients.length;
    if (n > 2) {
      for (let j = n - 1; j >= 0; j--) {
        const without = <T>(xs: T[]): T[] => xs.filter((_x, i) => i !== j);
        yield script({
          clients: without(p.clients),
          takes: without(p.takes),
          mixed: p.mixed && without(p.mixed),
          // Steps of the dropped client go; the others keep their order.
          schedule: p.schedule.filter((s) => s % n !== j).map((s) => (s % n > j ? (s % n) - 1 : s % n)),
        });
      }
    }
    for (const schedule of arrayShrinks(p.schedule)) yield* changed({ schedule });
    for (let i = 0; i < n; i++) {
      const t = Math.min(p.takes[i]!, p.clients[i]!.value.messages.length);
      for (const smaller of new Set([0, Math.floor(t / 2), t - 1])) {
        if (smaller < t && smaller >= 0) yield* changed({ takes: p.takes.map((x, k) => (k === i ? smaller : x)) });
      }
    }
    for (let i = 0; i < n; i++) {
      for (const v of this.sequence.shrink(p.clients[i]!.value, p.clients[i]!.context)) {
        yield script({ clients: p.clients.map((x, k) => (k === i ? v : x)) });
      }
    }
  }
}

/** Shorter interleavings first (all of it, halves, one entry), then entries towards client 0. */
function* arrayShrinks(xs: number[]): IterableIterator<number[]> {
  if (!xs.length) return;
  yield [];
  const half = Math.floor(xs.length / 2);
  if (half > 0) {
    yield xs.slice(half);
    yield xs.slice(0, half);
  }
  for (let i = xs.length - 1; i >= 0; i--) yield [...xs.slice(0, i), ...xs.slice(i + 1)];
  for (let i = 0; i < xs.length; i++) if (xs[i]! > 0) yield xs.map((x, k) => (k === i ? 0 : x));
}
