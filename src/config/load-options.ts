/**
 * From what the command line set to the run's frozen Options: find and read the
 * config file, convert it, merge (CLI > config > defaults), and say where each value came from.
 */
import { displayPath } from './display-path.js';
import type { LoadedConfig, ModuleImporter } from './load-config.js';
import { loadConfig } from './load-config.js';
import type { Options } from './options.js';
import type { Layer, Resolved } from './resolve.js';
import { resolveLayers } from './resolve.js';

export interface LoadedOptions extends Resolved {
  /** The config source used, if any. */
  config?: LoadedConfig;
}

/** `importModule` loads a module config file (the CLI and the runners pass the tsx loader). */
export async function loadOptions(cli: Partial<Options>, cwd: string = process.cwd(), importModule?: ModuleImporter): Promise<LoadedOptions> {
  // A config cannot set how long it may take to load: the command line's --ws-timeout, else the default.
  const config = await loadConfig({ cwd, explicit: cli.config, importModule, loadTimeoutMs: cli.connectionTimeoutMs });
  const layers: Layer[] = [{ values: cli, source: 'cli' }];
  if (config) {
    layers.push({ values: { ...config.values, config: displayPath(config.source.file, cwd) }, source: `config file ${config.label}` });
  }
  const resolved = resolveLayers(layers, cwd);
  return { ...resolved, config };
}
