import { test } from 'vitest';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import vm from 'node:vm';
import { register as esm } from 'tsx/esm/api';
import { register as cjs } from 'tsx/cjs/api';

test('no listener: vitest reports?', async () => {
  setTimeout(() => { throw new Error('timer throw'); }, 5);
  await new Promise((r) => setTimeout(r, 50));
});

test('native dynamic import', async () => {
  esm(); cjs();
  writeFileSync('/tmp/dyn-cjs.cts', 'const x: number = 1; module.exports = { x, app: () => 5 };');
  writeFileSync('/tmp/dyn-esm.mts', 'const x: number = 1; export default x; export const app = 3;');
  const imp = vm.compileFunction('return import(u)', ['u'], { importModuleDynamically: (vm as any).constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }) as (u: string) => Promise<any>;
  for (const f of ['/tmp/dyn-cjs.cts', '/tmp/dyn-esm.mts']) {
    const ns = await imp(pathToFileURL(f).href);
    console.log('ns', Object.keys(ns), ns.default);
  }
  try { await imp(pathToFileURL('/tmp/nope.ts').href); } catch (e) { console.log('missing', (e as any).code, (e as Error).message); }
});
