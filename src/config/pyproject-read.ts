/**
 * A pyproject.toml's `[tool.pytest-routes]` table read as Options: apart from
 * pyproject-source.ts, so the zod schema of the table loads only when there is one.
 */
import { dirname, resolve } from 'node:path';
import { displayPath } from './display-path.js';
import type { Options } from './options.js';
import { parsePyproject, pyprojectRouteOverrides, pyprojectToOptions } from './pyproject.js';
import { readText } from './pyproject-source.js';

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
