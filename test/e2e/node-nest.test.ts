/**
 * NestJS gateways on @nestjs/platform-ws through the real CLI: main.ts bootstrapped as
 * the Nest docs write it (no export, `app.listen(3000)`), decorators and constructor
 * injection with no build step, the `@SubscribeMessage` names as events, a handler's
 * exception (which Nest answers and logs, keeping the connection open) as a
 * server_error with the handler's trace, and one line for a module without the adapter.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const route = (report: Json, path: string): Json => {
  const r = report.routes.find((x: Json) => x.path === path);
  if (!r) throw new Error(`route ${path} not in report: ${report.routes.map((x: Json) => x.path).join(', ')}`);
  return r;
};

describe('NestJS gateways (platform-ws)', () => {
  test('main.ts as the Nest docs write it: the gateway bug is found through its event name', async () => {
    const { code, report, stdout, stderr } = await runCli(['--app', 'test/apps/node/nest/src/main.ts', '--max-examples', '60', '--seed', '9']);
    expect(code).toBe(1);
    expect(report.target).toMatchObject({ kind: 'node', framework: 'nest' });
    expect(report.routes.map((r: Json) => r.path).sort()).toEqual(['/calculator', '/events']);
    // Its service arrives by constructor injection (decorator metadata): every event answers.
    const events = route(report, '/events');
    expect(events.status, JSON.stringify(events.failures[0]?.message)).toBe('passed');
    expect(events.sequences).toBe(60);

    const calculator = route(report, '/calculator');
    expect(calculator.status).toBe('failed');
    const f = calculator.failures[0];
    expect(f.errorType).toBe('server_error');
    expect(f.messageIndex).toBe(0);
    expect(f.sequence).toHaveLength(1);
    const sent = f.sequence[0];
    expect(sent.type).toBe('json');
    expect(sent.data).toMatchObject({ event: 'divide' });
    expect(Object.keys(sent.data).sort()).toEqual(['data', 'event']);
    // `data` with no operands array: undefined or not iterable, depending on what the data shrank to.
    expect(f.serverTrace).toMatch(/^TypeError: (undefined is not iterable|Cannot read properties of \w+ \(reading 'operands'\))/);
    expect(f.serverTrace).toMatch(/at CalculatorGateway\.divide \(.*test\/apps\/node\/nest\/src\/calculator\/calculator\.gateway\.ts:18:\d+\)/);
    expect(stdout).toContain('WEBSOCKET TEST FAILURE: /calculator');
    // Nest's own log line for the error became the trace, not noise in the output.
    expect(stdout + stderr).not.toContain('[WsExceptionsHandler]');
    expect(stdout).toContain('[NestApplication]'); // the app's other logs are its own
  });

  test('a Nest module without the ws adapter (so on Socket.IO) whose gateways are on two engine.io paths: one line naming the cause, exit 2', async () => {
    const { code, stderr, stdout } = await runCli(['--app', 'test/apps/node/nest/src/main-no-adapter.ts', '--seed', '1'], { noReport: true });
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wsroutes: Nest gateways on more than one Socket\.IO path are not supported: \/events, \/calculator;/);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });
});
