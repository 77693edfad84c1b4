import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { ChildReaper } from './child-reaper.js';

/** Live (not zombie) processes whose command line is `sleep SECONDS`, by pid. */
function sleeping(seconds: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      if (argv[0]?.endsWith('sleep') && argv[1] === seconds && state !== 'Z') pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
}

const others: ChildProcess[] = [];
afterEach(() => others.splice(0).forEach((c) => c.kill('SIGKILL')));

test("reap ends the app's children and their descendants, also one that left the group", async () => {
  const reaper = new ChildReaper(() => true);
  const child = spawn('sh', ['-c', 'sleep 31.1 & setsid sleep 31.1 & wait'], { stdio: 'ignore' });
  await until(() => sleeping('31.1').length === 2);
  expect(sleeping('31.1')).toHaveLength(2);
  await reaper.reap();
  await until(() => child.exitCode !== null || child.signalCode !== null, 1_000);
  expect(sleeping('31.1')).toEqual([]);
  expect(child.signalCode ?? child.exitCode).toBe('SIGTERM');
});

test("a spawn that is not the app's is left alone", async () => {
  const reaper = new ChildReaper(() => false);
  const child = spawn('sleep', ['31.2'], { stdio: 'ignore' });
  others.push(child);
  await until(() => sleeping('31.2').length === 1);
  await reaper.reap();
  expect(sleeping('31.2')).toEqual([child.pid]);
});

test('a child that ignores SIGTERM gets SIGKILL after the grace', async () => {
  const reaper = new ChildReaper(() => true);
  const child = spawn('sh', ['-c', "trap '' TERM; sleep 31.3 & wait"], { stdio: 'ignore' });
  await until(() => sleeping('31.3').length === 1);
  const started = Date.now();
  await reaper.reap(300);
  await until(() => sleeping('31.3').length === 0, 1_000);
  expect(sleeping('31.3')).toEqual([]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  await until(() => child.signalCode !== null, 1_000);
  expect(child.signalCode).toBe('SIGKILL');
});
