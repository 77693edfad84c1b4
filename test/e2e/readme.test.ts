/**
 * The README's examples are the files that run: the Conductor example is
 * examples/conductor.test.ts verbatim (run by this suite on the Node version it runs
 * on, which `engines` allows), so an example that stops working fails a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('the Conductor example in the README is examples/conductor.test.ts', () => {
  const file = readFileSync(join(ROOT, 'examples/conductor.test.ts'), 'utf8');
  const marker = '// examples/conductor.test.ts (run by `npm test`)\n';
  const at = readme.indexOf(marker);
  expect(at, 'the README names the example file').toBeGreaterThan(0);
  const block = readme.slice(at + marker.length, readme.indexOf('```', at));
  expect(block).toBe(file);
});

test('no README example needs syntax newer than engines allows (await using needs Node 22)', () => {
  const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
  expect(engines).toBe('>=20.19');
  const code = [...readme.matchAll(/```(?:ts|js|mjs)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  expect(code).not.toMatch(/^\s*await using /m);
});
