/**
 * A Node app's grandchild in a session of its own (issue 27, item 22): `sh -c 'setsid
 * sleep 100 &'` with wsroutes' stdout inherited. Its parent became init and its group its
 * own, so the reaper missed it: it outlived the run and held wsroutes' stdout open, so a
 * reader of that pipe (`wsroutes | cat`, this test's runner) never saw it end. Now the
 * app's spawns carry the target's environment marker, and the reaper ends marked
 * processes too.
 */
import { expect, test } from 'vitest';
import { commandLine, killMarked, MARK_VAR, newMark, processesMarked } from './helpers/processes.js';
import { runCli } from './helpers/run-cli.js';

test("the app's setsid grandchild ends with the run, and wsroutes' stdout closes", async () => {
  const mark = newMark();
  try {
    // runCli resolves once stdout and stderr close: with the grandchild alive, they never did.
    const { code, stderr } = await runCli(['--app', 'test/apps/node/hostile/setsid-grandchild.ts', '--max-examples', '5', '--seed', '1'], {
      env: { [MARK_VAR]: mark },
      timeoutMs: 60_000,
    });
    expect(code, stderr.slice(-2000)).toBe(0);
    expect(processesMarked(mark).map(commandLine)).toEqual([]);
  } finally {
    killMarked(mark);
  }
}, 70_000);
