/**
 * The run's Options as the CLI resolves them (`config/load-options.ts`), with a module
 * config file (wsroutes.config.ts) loaded by the loader apps load through: tsx, imported
 * only when a module config is found (it costs a quarter second at start-up). While the
 * options load, `process.exit` is guarded as it is for an app: a config module calling
 * it would end wsroutes with its code (exit 0, a green CI run) and nothing said. What the
 * config throws from a timer (the guard's error included) is held, not a crash with a
 * stack trace, and refused once loading ends.
 */
import type { ModuleImporter } from '../config/load-config.js';
import { exitedWhileLoading } from '../config/load-config.js';
import type { LoadedOptions } from '../config/load-options.js';
import { loadOptions } from '../config/load-options.js';
import type { Options } from '../config/options.js';
import { WsroutesError } from '../errors.js';
import { type AppExitError, guardExit, isAppExit } from '../targets/node/exit-guard.js';

const importConfigModule: ModuleImporter = async (file) => (await import('../targets/node/load-module.js')).loadModule(file);

export async function loadRunOptions(cli: Partial<Options>, cwd: string = process.cwd()): Promise<LoadedOptions> {
  let exit: AppExitError | undefined;
  let stray: unknown;
  const unguard = guardExit((e) => (exit ??= e));
  const hold = (e: unknown): void => {
    if (!isAppExit(e)) stray ??= e;
  };
  process.on('uncaughtException', hold);
  try {
    const loaded = await loadOptions(cli, cwd, importConfigModule);
    const label = loaded.config?.label;
    // A call the config caught itself, or made from a timer: loading went on, the call is still refused.
    if (exit) throw exitedWhileLoading(label ?? 'of this run', exit.exitCode);
    if (stray !== undefined) {
      const message = (stray instanceof Error ? stray.message : String(stray)).split('\n')[0];
      throw new WsroutesError('CONFIG', `config file ${label ?? 'of this run'} threw while loading (outside its own await): ${message}`, { cause: stray });
    }
    return loaded;
  } finally {
    process.off('uncaughtException', hold);
    unguard();
  }
}
