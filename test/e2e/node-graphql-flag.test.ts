/**
 * `--graphql GLOBS` through the built CLI, on a GraphQL server that negotiates no subprotocol
 * (test/apps/node/graphql-servers/no-subprotocol.ts), so nothing on the wire says it speaks
 * GraphQL: without the flag its route is plain and passes (plain messages never carry a
 * document that parses); with it, GraphQL sequences reach the unnamed-operation bug.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const APP = 'test/apps/node/graphql-servers/no-subprotocol.ts';
const run = (...args: string[]) => runCli(['--app', APP, '--max-examples', '60', '--ws-max-messages', '5', '--seed', '1', ...args]);

describe('--graphql', () => {
  test('a route the wire does not reveal is GraphQL when the flag names it', async () => {
    const plain = await run();
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.report.routes.map((r: { path: string; status: string }) => [r.path, r.status])).toEqual([['/graphql', 'passed']]);

    const graphql = await run('--graphql', '/graph*');
    expect(graphql.code, graphql.stderr).toBe(1);
    const [failure] = graphql.report.routes[0].failures;
    expect(failure.signature).toMatch(/^server_error:TypeError:no-subprotocol\.ts:\d+$/);
    expect(failure.sequence.map((m: { data: { type: string } }) => m.data.type)).toEqual(['connection_init', 'subscribe']);
    expect(failure.sequence[1].data.payload.query).toMatch(/^subscription \{/);
    // The reproduce line names the flag too: without it the replay would send plain messages.
    expect(failure.reproduce).toContain("--ws-include /graphql --max-examples 60 --ws-max-messages 5 --graphql '/graph*' --seed");
  });

  test('a glob that matches nothing changes nothing', async () => {
    const { code, report } = await run('--graphql', '/elsewhere');
    expect(code).toBe(0);
    expect(report.routes[0].status).toBe('passed');
  });
});
