import { expect, test } from 'vitest';
import { reproduceCommand } from './replay.js';
import { routeSeed } from './route-seed.js';
import { resolveOptions } from '../config/options.js';

test('the reproduce line names the route, the seed and non-default generation options, never the secret', () => {
  const o = resolveOptions({ app: 'examples/chat app.ts', cwd: '/home/me/proj', seed: 42, maxMessages: 3, auth: 'bearer:hunter2' });
  const line = reproduceCommand(o, '/ws/chat/:room');
  expect(line).toBe(
    "npx wsroutes --app '/home/me/proj/examples/chat app.ts' --auth 'bearer:<withheld>' --ws-include /ws/chat/:room --ws-max-messages 3 --seed 42",
  );
});

test('route seeds differ per route and are stable per run seed', () => {
  expect(routeSeed(1, '/a')).toBe(routeSeed(1, '/a'));
  expect(routeSeed(1, '/a')).not.toBe(routeSeed(1, '/b'));
  expect(routeSeed(1, '/a')).not.toBe(routeSeed(2, '/a'));
});

test('the reproduce line repeats what changes the sequences: setup modules, close codes, subprotocol validation', () => {
  const o = resolveOptions({ app: 'app.ts:app', cwd: '/p', seed: 1, setup: ['strategies.ts'], testCloseCodes: [4000], validateSubprotocols: true });
  expect(reproduceCommand(o, '/ws')).toBe(
    'npx wsroutes --app /p/app.ts:app --setup /p/strategies.ts --ws-include /ws --ws-close-codes 4000 --ws-validate-subprotocols --seed 1',
  );
});

test('the whole command: config, handshake inputs as placeholders, prelude, kinds, timeouts', () => {
  const o = resolveOptions({
    url: 'http://127.0.0.1:9000',
    cwd: '/p',
    seed: 7,
    config: 'conf/wsroutes.config.json',
    headers: ['X-Api-Key:$API_KEY', 'X-Tenant:acme-literal'],
    cookies: ['session=${SESSION}', 'theme=dark-literal'],
    query: ['token=$TOKEN'],
    auth: 'header:X-Auth:${A}',
    prelude: ['{"type":"login","token":"t"}', 'hello'],
    messageKinds: ['text'],
    messageTimeoutMs: 1500,
  });
  expect(reproduceCommand(o, '/ws/x')).toBe(
    "npx wsroutes --url http://127.0.0.1:9000 --config /p/conf/wsroutes.config.json --header 'X-Api-Key:$API_KEY' --header X-Tenant:acme-literal" +
      " --cookie 'session=${SESSION}' --cookie 'theme=<withheld>' --query 'token=$TOKEN' --auth 'header:X-Auth:${A}'" +
      ` --ws-prelude '{"type":"login","token":"t"}' --ws-prelude hello --ws-message-kinds text --ws-include /ws/x --ws-message-timeout 1.5 --seed 7`,
  );
});

test('a Python app names its interpreter and import directory', () => {
  const o = resolveOptions({ app: 'myapp.main:app', python: '.venv/bin/python', cwd: '/srv/app', seed: 3 });
  expect(reproduceCommand(o, '/ws')).toBe('npx wsroutes --app myapp.main:app --python /srv/app/.venv/bin/python --app-dir /srv/app --ws-include /ws --seed 3');
});
