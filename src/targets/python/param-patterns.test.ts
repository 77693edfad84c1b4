/**
 * The bridge types a path param by the values wsroutes generates (its `SAMPLES` in
 * python/wsroutes_bridge/discover/_template.py mirror src/generation/path-params.ts): a
 * pattern gets the first type all of whose sample values it accepts. This holds the two
 * sides together: values really drawn from the generator, URL-decoded as the server
 * decodes them, must each fully match the pattern of every converter the bridge typed.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { ParamType } from '../../discovery/route.js';
import { pathParamsArb } from '../../generation/path-params.js';
import { REPO, venvPython } from './python-tests.test-data.js';

// [pattern, declared type]: Django's path converters, Werkzeug's (Quart), common re_path groups.
const PATTERNS: Array<[string, ParamType]> = [
  ['[0-9]+', 'int'],
  ['[^/]+', 'str'],
  ['[-a-zA-Z0-9_]+', 'str'],
  ['[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', 'uuid'],
  ['.+', 'path'],
  ['\\d+', 'int'],
  ['\\d+\\.\\d+', 'float'],
  ['[^/].*?', 'path'],
  ['[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}', 'uuid'],
  ['\\w+', 'str'],
  ['[\\w-]+', 'str'],
  ['[a-z0-9]+', 'str'],
];

const TYPES: ParamType[] = ['str', 'int', 'float', 'uuid', 'path'];

const SCRIPT = `
import json, re, sys
from wsroutes_bridge.discover._template import type_from_pattern
data = json.load(sys.stdin)
out = []
for pattern, declared in data["patterns"]:
    chosen = type_from_pattern(pattern, declared)
    rejected = [v for v in data["values"][chosen] if not re.fullmatch(pattern, v)]
    out.append({"pattern": pattern, "type": chosen, "rejected": rejected[:3]})
print(json.dumps(out))
`;

test('every generated value of the type the bridge picks matches the pattern it was picked for', () => {
  const values = Object.fromEntries(
    TYPES.map((type) => [type, fc.sample(pathParamsArb([{ name: 'p', type }]), { seed: 7, numRuns: 400 }).map((v) => decodeURIComponent(v.p!))]),
  );
  const run = spawnSync(venvPython(), ['-c', SCRIPT], {
    cwd: REPO,
    input: JSON.stringify({ patterns: PATTERNS, values }),
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: `${REPO}/python`, PYTHONDONTWRITEBYTECODE: '1' },
  });
  expect(run.status, run.stderr).toBe(0);
  const results = JSON.parse(run.stdout) as Array<{ pattern: string; type: ParamType; rejected: string[] }>;
  for (const r of results) expect(r.rejected, `${r.pattern} typed ${r.type}`).toEqual([]);
  // The narrowing is real: these patterns are not left at their declared `str`.
  const typeOf = Object.fromEntries(results.map((r) => [r.pattern, r.type]));
  expect(typeOf['\\w+']).toBe('int');
  expect(typeOf['[-a-zA-Z0-9_]+']).toBe('uuid');
  expect(typeOf['[^/]+']).toBe('str');
});
