/**
 * The run's Options as the CLI resolves them (`config/load-options.ts`), with a module
 * config file (wsroutes.config.ts) loaded by the loader apps load through: tsx, imported
 * only when a module config is found (it costs a quarter second at start-up).
 */
import type { ModuleImporter } from '../config/load-config.js';
import type { LoadedOptions } from '../config/load-options.js';
import { loadOptions } from '../config/load-options.js';
import type { Options } from '../config/options.js';

const importConfigModule: ModuleImporter = async (file) => (await import('../targets/node/load-module.js')).loadModule(file);

export function loadRunOptions(cli: Partial<Options>, cwd: string = process.cwd()): Promise<LoadedOptions> {
  return loadOptions(cli, cwd, importConfigModule);
}
