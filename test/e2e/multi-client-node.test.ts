/**
 * Multi-client scripts against test/apps/node/rooms-app.ts (Fastify rooms): a bug that
 * needs two live clients is found by default and reported as a two-client script of
 * three steps (JSON report, timeline, reproduce line that replays it); a correct hub
 * passes; --ws-max-clients 1 turns scripts off, and bad values are refused in one line.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const route = (report: Json, path: string): Json => report.routes.find((r: Json) => r.path === path);
const APP = ['--app', 'test/apps/node/rooms-app.ts', '--max-examples', '50', '--seed', '7'];

describe('several clients at once, on a Node app', () => {
  test('a room bug that needs two live clients: a two-client script of three steps; the hub passes', async () => {
    const { code, report, stdout } = await runCli(APP);
    expect(code).toBe(1);
    expect(route(report, '/hub/:room').status).toBe('passed');
    const rooms = route(report, '/rooms/:room');
    expect(rooms.status).toBe('failed');
    const f = rooms.failures[0];
    expect(f.errorType).toBe('server_error');
    expect(f.serverTrace).toMatch(/TypeError: Cannot read properties of undefined \(reading 'toUpperCase'\)/);
    // Both members connected, then one speaks (either may: the other has not spoken yet).
    expect(f.script.map((s: Json) => s.action)).toEqual(['connect', 'connect', 'send']);
    expect(f.script.slice(0, 2).map((s: Json) => s.client)).toEqual([0, 1]);
    const sender = f.script[2].client;
    const url = f.script[0].url;
    expect(url).toMatch(/^\/rooms\/[^/]+$/);
    // One room: every client on the same URL.
    expect(f.script.every((s: Json) => s.url === url)).toBe(true);
    // The message shrinks to the simplest of its kind (the room bug takes any message).
    expect([
      { type: 'text', data: '' },
      { type: 'json', data: {} },
      { type: 'json', data: null },
      { type: 'bytes', data: '' },
    ]).toContainEqual(f.script[2].message);
    expect(f.message).toMatch(new RegExp(`^client ${sender} failed at step 3 of the script: `));
    expect(f.sequence).toEqual([f.script[2].message]);
    expect(stdout).toContain('Minimal script (2 clients, 3 steps):');
    expect(stdout).toMatch(/ 3 {3} *send \((text|json|bytes)\) .* {3}<- failed here/);

    // The reproduce line (the seed) replays the same script.
    const again = await runCli([...APP, '--ws-include', '/rooms/:room']);
    expect(f.reproduce).toContain('--ws-include /rooms/:room --max-examples 50 --seed 7');
    expect(route(again.report!, '/rooms/:room').failures[0].script).toEqual(f.script);
  });

  test('--ws-max-clients 1: one client at a time, so the room bug goes unseen', async () => {
    const { code, report } = await runCli([...APP, '--ws-max-clients', '1']);
    expect(code).toBe(0);
    expect(route(report, '/rooms/:room')).toMatchObject({ status: 'passed', sequences: 50, connections: 50 });
  });

  test('--ws-max-clients out of 1..10 is refused in one line', async () => {
    for (const bad of ['0', '11', 'two']) {
      const { code, stderr } = await runCli([...APP, '--ws-max-clients', bad], { noReport: true });
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`--ws-max-clients must be a whole number from 1 to 10 (got "${bad}")`);
    }
  });
});
