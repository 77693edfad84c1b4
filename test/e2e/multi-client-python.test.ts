/**
 * Multi-client scripts against test/apps/python/rooms_fastapi_app.py, the ConnectionManager
 * of FastAPI's WebSockets guide per room: a member closed by the app without being removed
 * is a dead member, and the next broadcast in its room raises on another client's
 * connection; the guide's manager used correctly passes; a pair chat that names a member
 * who has not spoken yet needs two live clients.
 */
import { expect, test } from 'vitest';
import { runCli } from './helpers/run-cli.js';

type Json = Record<string, any>;
const route = (report: Json, path: string): Json => report.routes.find((r: Json) => r.path === path);
const APP = ['--app', 'rooms_fastapi_app:app', '--app-dir', 'test/apps/python'];

// --concurrency 3: one script of up to three clients at a time (a script's clients are open at once).
test('a broadcast to a dead member is a failure of the other client, with the script that leads to it', async () => {
  const { code, report, stdout } = await runCli([...APP, '--ws-include', '/hub/*,/rooms/*', '--max-examples', '60', '--seed', '3', '--concurrency', '3']);
  expect(code).toBe(1);
  expect(route(report, '/hub/{room:str}').status).toBe('passed');
  const f = route(report, '/rooms/{room:str}').failures[0];
  expect(f.errorType).toBe('server_error');
  expect(f.serverTrace).toContain('Cannot call "send" once a close message has been sent');
  expect(f.serverTrace).toContain('in broadcast');
  const script: Json[] = f.script;
  expect(new Set(script.map((s) => s.client)).size).toBeGreaterThanOrEqual(2);
  // The member that dies: the app closes it on a binary frame and keeps it in the room ...
  const dies = script.findIndex((s) => s.action === 'send' && s.message.type === 'bytes');
  expect(dies).toBeGreaterThan(0);
  // ... and another client fails after that, in the same room, at the last step shown.
  const failing = script.at(-1)!.client;
  expect(failing).not.toBe(script[dies]!.client);
  expect(f.message).toMatch(new RegExp(`^client ${failing} failed at step ${script.length} of the script`));
  expect(new Set(script.map((s) => s.url)).size).toBe(1);
  expect(stdout).toContain('Minimal script (');
}, 90_000);

test('a member named before it spoke: connect, connect, send, on the client that sent', async () => {
  const { code, report } = await runCli([...APP, '--ws-include', '/pairs/*', '--max-examples', '60', '--seed', '3']);
  expect(code).toBe(1);
  const f = route(report, '/pairs/{room:str}').failures[0];
  expect(f.errorType).toBe('server_error');
  expect(f.serverTrace).toContain('KeyError');
  expect(f.script.map((s: Json) => s.action)).toEqual(['connect', 'connect', 'send']);
  expect(f.script.slice(0, 2).map((s: Json) => s.client)).toEqual([0, 1]);
  expect(f.message).toMatch(new RegExp(`^client ${f.script[2].client} failed at step 3 of the script`));
}, 90_000);
