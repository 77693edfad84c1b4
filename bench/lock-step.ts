/**
 * The hand-written baseline for the echo route: the very examples wsroutes draws for it
 * (one-connection sequences and, at defaults, multi-client scripts), sent by a plain `ws`
 * loop in lock-step: one example at a time, each message waiting for its echo before the
 * next, a script's steps in their order (its clients open at once, as wsroutes opens
 * them). Same connections, same messages, none of wsroutes' bookkeeping: no pings, no
 * transcript, no judgement, no generation (the examples are drawn before the clock starts).
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import type { Options } from '../src/config/options.js';
import { fillTemplate, websocketRoute } from '../src/discovery/route.js';
import { toFrame, type Message } from '../src/generation/message.js';
import { type Example, isScript } from '../src/generation/script.js';
import { routePlan } from '../src/run/kinds/websocket-plan.js';
import { sampler } from '../src/shrinking/property.js';
import { routeSeed } from '../src/shrinking/route-seed.js';

/** The route's first `count` examples under `options`, as wsroutes' exploration draws them. */
export function examplesFor(path: string, options: Options, count: number): Example[] {
  const plan = routePlan(websocketRoute(path), options);
  const at = sampler(plan.examples, routeSeed(options.seed, path));
  return Array.from({ length: count }, (_v, i) => at(i));
}

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, 'open');
  return ws;
}

async function sendAwaitingEcho(ws: WebSocket, m: Message): Promise<void> {
  const echoed = once(ws, 'message');
  const f = toFrame(m);
  ws.send(f.data, { binary: f.binary });
  await echoed;
}

async function close(ws: WebSocket, code: number): Promise<void> {
  const closed = once(ws, 'close');
  ws.close(code);
  await closed;
}

/** Sends every example to the echo route at `base` (ws://host:port); returns the messages sent. */
export async function lockStepLoop(path: string, examples: Example[], base: string): Promise<number> {
  let messages = 0;
  for (const example of examples) {
    if (!isScript(example)) {
      const ws = await open(base + fillTemplate(path, example.params));
      for (const m of example.messages) {
        await sendAwaitingEcho(ws, m);
        messages++;
      }
      await close(ws, example.closeCode);
      continue;
    }
    const sockets = new Map<number, WebSocket>();
    for (const step of example.steps) {
      if (step.action === 'connect') sockets.set(step.client, await open(base + fillTemplate(path, example.clients[step.client]!.params)));
      else if (step.action === 'send') {
        await sendAwaitingEcho(sockets.get(step.client)!, step.message!);
        messages++;
      } else await close(sockets.get(step.client)!, step.code ?? 1000);
    }
  }
  return messages;
}
