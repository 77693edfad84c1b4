import { afterEach, expect, test } from 'vitest';
import { keepProcessListener } from './signal-guard.js';

const undos: Array<() => void> = [];
afterEach(() => undos.splice(0).forEach((undo) => undo()));

test('a kept listener survives removeAllListeners, removeListener and off; the others go', () => {
  const ours = (): void => {};
  const theirs = (): void => {};
  undos.push(keepProcessListener('SIGINT', ours));
  process.on('SIGINT', theirs);
  process.removeAllListeners('SIGINT');
  expect(process.listeners('SIGINT')).toContain(ours);
  expect(process.listeners('SIGINT')).not.toContain(theirs);
  process.removeListener('SIGINT', ours);
  process.off('SIGINT', ours);
  expect(process.listeners('SIGINT')).toContain(ours);
});

test('its undo removes it, and the process methods come back with the last undo', () => {
  const original = process.removeAllListeners;
  const ours = (): void => {};
  const undo = keepProcessListener('SIGTERM', ours);
  expect(process.removeAllListeners).not.toBe(original);
  undo();
  undo(); // idempotent
  expect(process.listeners('SIGTERM')).not.toContain(ours);
  expect(process.removeAllListeners).toBe(original);
});
