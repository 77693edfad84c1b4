/**
 * A Node app given as a value (`Conductor.start({ app: fastify })`) rather than a file:
 * started with the same adapters as a file's export, minus what only a CLI run needs
 * (the app's exceptions stay the test's own, and no freeze watchdog runs).
 */
import { join } from 'node:path';
import { WsroutesError } from '../errors.js';
import { NODE_ADAPTERS } from '../targets/node/index.js';
import { portOrStop, stopStarted } from '../targets/node/adapter.js';
import { describeValue, SUPPORTED } from '../targets/node/resolve-app.js';
import { NO_TRACES, type Target } from '../targets/target.js';

export async function startNodeAppValue(app: unknown, cwd: string): Promise<Target> {
  const adapter = NODE_ADAPTERS.find((a) => a.matches(app));
  if (!adapter) throw new WsroutesError('NOT_AN_APP', `Conductor.start({ app }): ${describeValue(app)} is not a supported app; give ${SUPPORTED}`);
  // appFile only locates the app's own packages (its copy of `ws`): resolve them from cwd.
  const started = await adapter.start(app, { appFile: join(cwd, 'conductor-app.js'), include: [] });
  const port = await portOrStop(started);
  let stopping: Promise<void> | undefined;
  return {
    kind: 'node',
    framework: adapter.framework,
    spec: `(${adapter.framework} app object)`,
    baseUrl: `ws://127.0.0.1:${port}`,
    routes: started.routes,
    traces: NO_TRACES,
    stop: () => (stopping ??= stopStarted(started)),
  };
}
