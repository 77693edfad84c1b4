/**
 * Fresh instances of a target, for replays on a server no earlier connection touched
 * (issue 10: failures that depend on what other connections did). Each instance is a
 * whole start of the app, so the ones still running are stopped with the target: a
 * Ctrl-C or the end of the run never leaves a bridge process or a port behind.
 */
import type { Target } from './target.js';

export function withFreshStarts<T extends Target>(target: T, start: () => Promise<Target>): T {
  const running = new Set<Target>();
  let stopped = false;
  const stopTarget = target.stop.bind(target);
  const fresh = async (): Promise<Target> => {
    if (stopped) throw new Error('the target is stopped');
    const instance = await start();
    if (stopped) {
      await instance.stop();
      throw new Error('the target is stopped');
    }
    running.add(instance);
    const stopInstance = instance.stop.bind(instance);
    return {
      ...instance,
      stop: async () => {
        running.delete(instance);
        await stopInstance();
      },
    };
  };
  return Object.assign(target, {
    fresh,
    stop: async () => {
      stopped = true;
      await Promise.all([...running].map((t) => t.stop()));
      running.clear();
      await stopTarget();
    },
  });
}
