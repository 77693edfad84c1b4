/**
 * A validated WsroutesConfig (a config file, or a runner's options) in the units and names
 * of `Options`, key by key from the option table: seconds become milliseconds, `enabled` is
 * `websocket`, `routes` is `routeOverrides`, and every path is resolved against the config
 * file's directory (then shown relative to the cwd when inside it).
 */
import { resolve } from 'node:path';
import { isPythonSpec } from './app-spec.js';
import { displayPath } from './display-path.js';
import { CONFIG_OPTIONS } from './option-table.js';
import type { ConfigPlace } from './option-values.js';
import type { Options } from './options.js';
import type { WsroutesConfig } from './user-config.js';

export type { ConfigPlace };

export function configToOptions(c: WsroutesConfig, place: ConfigPlace): Partial<Options> {
  const o: Record<string, unknown> = {};
  for (const d of CONFIG_OPTIONS) {
    const value = c[d.config!];
    if (value === undefined) continue;
    o[d.key] = d.value.fromConfig ? d.value.fromConfig(value, place) : value;
  }
  // A Python module path is relative to the config file too: Python imports it from there.
  if (c.app !== undefined && isPythonSpec(c.app) && c.appDir === undefined && resolve(place.dir) !== resolve(place.cwd)) {
    o.appDir = displayPath(resolve(place.dir), place.cwd);
  }
  return o as Partial<Options>;
}
