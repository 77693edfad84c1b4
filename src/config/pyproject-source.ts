/**
 * pyproject.toml as a config source, through `pyproject.ts` (which owns pytest-routes'
 * key names and their validation): whether a file has a `[tool.pytest-routes]` table,
 * and that table as Options. Differences from a wsroutes config, made here:
 * - pytest-routes applies the first `[[tool.pytest-routes.routes]]` entry that matches;
 *   `overridesFor` applies the last, so the entries are reversed.
 * - A Python app named in a pyproject.toml outside the cwd is imported from the file's
 *   directory, as pytest-routes (run from there) would.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { WsroutesError } from '../errors.js';
import { displayPath, errorMessage } from './display-path.js';
import type { Options } from './options.js';
import { parsePyproject, pyprojectRouteOverrides, pyprojectToOptions } from './pyproject.js';

function readText(file: string, label: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new WsroutesError('CONFIG', `cannot read config file ${label}: ${errorMessage(e)}`);
  }
}

/** Whether the file has a `[tool.pytest-routes]` table (not whether the table is valid). */
export function hasPytestRoutes(file: string, label: string): boolean {
  let doc: Record<string, unknown>;
  try {
    doc = parse(readText(file, label)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof WsroutesError) throw e;
    throw new WsroutesError('CONFIG', `${label} is not valid TOML: ${errorMessage(e).split('\n')[0]}`);
  }
  const tool = doc.tool;
  return tool !== null && typeof tool === 'object' && 'pytest-routes' in tool;
}

/** The table as Options; undefined without one; CONFIG error (one line, naming `shown`) when invalid. */
export function readPyprojectOptions(file: string, cwd: string): Partial<Options> | undefined {
  const shown = displayPath(file, cwd);
  const values = parsePyproject(readText(file, shown), shown);
  if (!values) return undefined;
  const options = pyprojectToOptions(values);
  const overrides = pyprojectRouteOverrides(values);
  if (overrides.length) options.routeOverrides = overrides.reverse();
  const dir = dirname(file);
  if (options.app !== undefined && resolve(dir) !== resolve(cwd)) options.appDir = displayPath(dir, cwd);
  return options;
}
