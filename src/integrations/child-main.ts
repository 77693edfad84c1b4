/**
 * The process `startRoutesInChild` forks: it receives the options, runs wsroutes with
 * `startRoutes`, and sends back the routes once the target is up, then each route's verdict.
 */
import { exitProcess } from '../targets/node/process-exit.js';
import type { ChildMessage } from './child-routes.js';
import type { WsroutesTestOptions } from './routes.js';
import { startRoutes } from './routes.js';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

// The parent (the test runner) is gone: end the run with it; the targets stop on exit.
// exitProcess: an in-process app's process.exit is guarded while it is loaded.
process.on('disconnect', () => exitProcess(0));

process.once('message', async (options: WsroutesTestOptions) => {
  try {
    const run = await startRoutes(options);
    await send({ type: 'routes', routes: run.routes });
    const result = await run.result;
    const verdicts = await Promise.all(run.routes.map(async (p) => [p, await run.verdict(p)] as const));
    await send({ type: 'result', result, verdicts: Object.fromEntries(verdicts) });
  } catch (err) {
    const e = err as Error & { code?: string };
    await send({ type: 'error', name: e.name, code: e.code, message: e.message });
  }
  process.disconnect();
});
