import { expect, test } from 'vitest';
import { reproduceCommand } from './replay.js';
import { routeSeed } from './route-seed.js';
import { resolveOptions } from '../config/options.js';

test('the reproduce line names the route, the seed and non-default generation options, never the secret', () => {
  const o = resolveOptions({ app: 'examples/chat app.ts', seed: 42, maxMessages: 3, auth: 'bearer:hunter2' });
  const line = reproduceCommand(o, '/ws/chat/:room');
  expect(line).toBe("npx wsroutes --app 'examples/chat app.ts' --ws-include /ws/chat/:room --ws-max-messages 3 --seed 42 --auth <your --auth spec>");
});

test('route seeds differ per route and are stable per run seed', () => {
  expect(routeSeed(1, '/a')).toBe(routeSeed(1, '/a'));
  expect(routeSeed(1, '/a')).not.toBe(routeSeed(1, '/b'));
  expect(routeSeed(1, '/a')).not.toBe(routeSeed(2, '/a'));
});

test('the reproduce line repeats what changes the sequences: setup modules, close codes, subprotocol validation', () => {
  const o = resolveOptions({ app: 'app.ts', seed: 1, setup: ['strategies.ts'], testCloseCodes: [4000], validateSubprotocols: true });
  expect(reproduceCommand(o, '/ws')).toBe('npx wsroutes --app app.ts --setup strategies.ts --ws-include /ws --ws-close-codes 4000 --ws-validate-subprotocols --seed 1');
});
