/**
 * The merge: per key, the command line beats the config file, which beats the
 * defaults. The result is the frozen Options and, for each key, where its value came from.
 */
import type { Options } from './options.js';
import { DEFAULTS, randomSeed } from './options.js';
import { OPTION_TABLE } from './option-table.js';

export type Source = 'cli' | `config file ${string}` | 'default';
export type Provenance = Record<keyof Options, Source>;

/** Every key of Options, in the order --verbose prints them (the table's). */
export const OPTION_KEYS: readonly (keyof Options)[] = OPTION_TABLE.map((d) => d.key);

export interface Layer {
  values: Partial<Options>;
  source: Source;
}

export interface Resolved {
  options: Options;
  provenance: Provenance;
}

/** `layers` best first (command line, then config file); defaults fill the rest. */
export function resolveLayers(layers: Layer[], cwd: string): Resolved {
  const defaults: Partial<Options> = { ...DEFAULTS, cwd };
  const options: Record<string, unknown> = {};
  const provenance = {} as Record<string, Source>;
  for (const key of OPTION_KEYS) {
    const layer = layers.find((l) => l.values[key] !== undefined);
    options[key] = layer ? layer.values[key] : defaults[key];
    provenance[key] = layer ? layer.source : 'default';
  }
  options.seed ??= randomSeed();
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return { options: Object.freeze(options) as unknown as Options, provenance: provenance as Provenance };
}
