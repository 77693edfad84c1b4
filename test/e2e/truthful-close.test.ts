/**
 * Who closed first, and with what, on a server that raised: a Nest gateway catches the
 * handler's exception and answers {"event":"exception"} (test/apps/node/nest), so it never
 * stopped answering; wsroutes ends the connection with a close handshake and says so.
 */
import { expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { failureBlocks } from './helpers/report.js';

test('Nest: the server raised and answered; wsroutes closed with 1000 and the server answered it', async () => {
  const { code, stdout, stderr } = await runCli(['--app', 'test/apps/node/nest/src/main.ts', '--max-examples', '30', '--seed', '9', '--ws-max-clients', '1']);
  expect(code, stderr).toBe(1);
  const block = failureBlocks(stdout).get('/calculator');
  expect(block).toMatch(/^Message: Server raised: TypeError: /m);
  expect(block).toMatch(/^Actual:\n\s+Server raised; wsroutes closed with 1000, the server answered 1000$/m);
  expect(block).not.toMatch(/stopped answering/);
  expect(block).toMatch(/^Close Code: 1000/m);
});
