/**
 * pyproject.toml as a config source, through `pyproject.ts` (which owns pytest-routes'
 * key names and their validation): whether a file has a `[tool.pytest-routes]` table,
 * and that table as Options (pyproject-read.ts, which loads the schema). Differences from
 * a wsroutes config, made there:
 * - pytest-routes applies the first `[[tool.pytest-routes.routes]]` entry that matches;
 *   `overridesFor` applies the last, so the entries are reversed.
 * - A Python app named in a pyproject.toml outside the cwd is imported from the file's
 *   directory, as pytest-routes (run from there) would.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { WsroutesError } from '../errors.js';
import { errorMessage } from './display-path.js';
import { assertFile } from './file-kind.js';

/** The file's text; a CONFIG error naming `label` when it cannot be read. */
export function readText(file: string, label: string): string {
  assertFile(file, `cannot read config file ${label}`, 'CONFIG');
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
