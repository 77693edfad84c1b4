import { test, expect } from 'vitest';
import { AsyncLocalStorage } from 'node:async_hooks';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';

test('patched emit hides errors from vitest', async () => {
  const als = new AsyncLocalStorage();
  const orig = process.emit;
  const seen: string[] = [];
  (process as any).emit = function (this: any, ev: string, ...a: any[]) {
    if (ev === 'uncaughtException' || ev === 'unhandledRejection') { seen.push(`${ev}:${a[0]?.message}:${JSON.stringify(als.getStore())}`); return true; }
    return (orig as any).call(this, ev, ...a);
  };
  als.run({ port: 1 }, () => { setTimeout(() => { throw new Error('timer throw'); }, 5); });
  als.run({ port: 3 }, () => { Promise.reject(new Error('plain reject')); });
  await new Promise((r) => setTimeout(r, 50));
  process.emit = orig;
  console.log(seen, process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection'));
  expect(seen.length).toBe(2);
});

test('dynamic import', async () => {
  writeFileSync('/tmp/dyn-cjs.cts', 'const x: number = 1; module.exports = { x, app: () => 5 };');
  const url = pathToFileURL('/tmp/dyn-cjs.cts').href;
  const ns = await import(url);
  console.log('ns', Object.keys(ns), ns.default);
});
