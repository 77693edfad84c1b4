import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { assertFile, notAFile } from './file-kind.js';

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-file-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a regular file and a missing one pass; the read reports a missing one', () => {
  writeFileSync(join(dir, 'a.json'), '{}');
  expect(notAFile(join(dir, 'a.json'))).toBeUndefined();
  expect(notAFile(join(dir, 'missing.json'))).toBeUndefined();
});

test('a FIFO, a device and a directory are named', () => {
  execFileSync('mkfifo', [join(dir, 'fifo.ts')]);
  expect(notAFile(join(dir, 'fifo.ts'))).toBe('a FIFO');
  expect(notAFile('/dev/zero')).toBe('a character device');
  expect(notAFile(dir)).toBe('a directory');
  expect(() => assertFile('/dev/zero', '--config /dev/zero', 'CONFIG')).toThrow('--config /dev/zero: it is a character device, not a file');
});
