import { AsyncLocalStorage } from 'node:async_hooks';
const als = new AsyncLocalStorage();
const orig = process.emit;
process.emit = function (ev, ...a) {
  if (ev === 'uncaughtException' || ev === 'unhandledRejection') {
    console.log('intercepted', ev, a[0]?.message, 'store=', als.getStore());
    return true;
  }
  return orig.call(this, ev, ...a);
};
als.run({ port: 1 }, () => { setTimeout(() => { throw new Error('timer throw'); }, 5); });
als.run({ port: 2 }, () => { (async () => { await null; JSON.parse('x{'); })(); });
als.run({ port: 3 }, () => { Promise.reject(new Error('plain reject')); });
als.run({ port: 4 }, () => { setImmediate(async () => { throw new Error('async in immediate'); }); });
setTimeout(() => console.log('still alive'), 50);
