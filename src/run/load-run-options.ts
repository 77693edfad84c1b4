/**
 * The run's Options as the CLI resolves them (`config/load-options.ts`), with a module
 * config file (wsroutes.config.ts) loaded by the loader apps load through: tsx, imported
 * only when a module config is found (it costs a quarter second at start-up). While the
 * options load, `process.exit` is guarded as it is for an app: a config module calling
 * it would end wsroutes with its code (exit 0, a green CI run) and nothing said.
 */
import type { ModuleImporter } from '../config/load-config.js';
import { exitedWhileLoading } from '../config/load-config.js';
import type { LoadedOptions } from '../config/load-options.js';
import { loadOptions } from '../config/load-options.js';
import type { Options } from '../config/options.js';
import { type AppExitError, guardExit } from '../targets/node/exit-guard.js';

const importConfigModule: ModuleImporter = async (file) => (await import('../targets/node/load-module.js')).loadModule(file);

export async function loadRunOptions(cli: Partial<Options>, cwd: string = process.cwd()): Promise<LoadedOptions> {
  let exit: AppExitError | undefined;
  const unguard = guardExit((e) => (exit ??= e));
  try {
    const loaded = await loadOptions(cli, cwd, importConfigModule);
    // A call the config caught itself: loading went on, the call is still refused.
    if (exit && loaded.config) throw exitedWhileLoading(loaded.config.label, exit.exitCode);
    return loaded;
  } finally {
    unguard();
  }
}
