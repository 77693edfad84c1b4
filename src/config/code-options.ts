/**
 * Options given in code: `testWsroutes({ ... })` of the runner integrations and
 * `Conductor.start({ ... })`. They are the config file's keys, with its names and units
 * (timeouts in seconds, `routes`, `enabled`, a prelude message as a string or JSON), checked
 * by the same schema, plus the caller's own keys (`cwd`, a runner's `timeout`, the
 * Conductor's `media`). An unknown key, or a config key that does not apply to the caller,
 * is one CONFIG line naming the nearest known key: a typo never passes silently.
 */
import { WsroutesError } from '../errors.js';
import { nearestKey } from './nearest.js';
import { CONFIG_OPTIONS } from './option-table.js';
import type { Options } from './options.js';
import type { WsroutesConfig } from './user-config.js';

export interface CodeOptionsCaller {
  /** How errors name the caller: `testWsroutes`, `Conductor.start`. */
  where: string;
  /** The caller's own keys: left to the caller, never validated here. */
  own: readonly string[];
  /** The config keys that apply to the caller; all of them when absent. */
  applies?: readonly (keyof WsroutesConfig)[];
}

const CONFIG_KEYS: readonly string[] = CONFIG_OPTIONS.map((d) => d.config!);

/** The config keys of `raw` as Options values (paths relative to `cwd`); throws CONFIG on an unknown or bad key. */
export async function readCodeOptions(raw: Record<string, unknown>, caller: CodeOptionsCaller, cwd: string): Promise<Partial<Options>> {
  const applies: readonly string[] = caller.applies ?? CONFIG_KEYS;
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (caller.own.includes(key)) continue;
    if (!applies.includes(key)) {
      const known = [...applies, ...caller.own];
      if (CONFIG_KEYS.includes(key)) {
        throw new WsroutesError('CONFIG', `${caller.where}: ${key} does not apply here (it takes ${known.join(', ')})`);
      }
      const hint = nearestKey(key, known);
      throw new WsroutesError('CONFIG', `${caller.where}: unknown key ${key} (${hint ? `did you mean ${hint}?` : `known keys: ${known.join(', ')}`})`);
    }
    if (value !== undefined) config[key] = value;
  }
  // zod (~80 ms) only once there is something to validate.
  const [{ validateConfig }, { configToOptions }] = await Promise.all([import('./validate.js'), import('./to-options.js')]);
  return configToOptions(validateConfig(config, caller.where), { dir: cwd, cwd });
}
