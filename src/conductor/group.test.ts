/**
 * ClientGroup's script helpers on the rooms test app (Fastify, in-process): one client
 * acts, every other client sees it, and the sender itself is not waited on.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import roomsApp from '../../test/apps/node/rooms-app.js';
import { Conductor } from './conductor.js';
import { ReceiveTimeoutError } from './errors.js';

// A Fastify instance listens once: one conductor for the file.
let conductor: Conductor;
beforeAll(async () => {
  conductor = await Conductor.start({ app: roomsApp });
});
afterAll(() => conductor.stop());

test('everyOtherReceives: every client but the sender gets the relayed message', async () => {
  await using group = await conductor.simulateWsMany('/hub/blue', 3);
  await group.at(1).sendText('hello');
  expect(await group.everyOtherReceives(1, 'hello')).toEqual(['hello', 'hello']);
  // Earlier messages are skipped; a RegExp or a predicate matches too.
  await group.at(0).sendText('one');
  await group.at(0).sendText('two');
  expect(await group.everyOtherReceives(group.at(0), /^t/)).toEqual(['two', 'two']);
  await group.at(2).sendText('three');
  expect(await group.everyOtherReceives(2, (t) => t.length === 5)).toEqual(['three', 'three']);
  expect(group.others(0)).toEqual([group.at(1), group.at(2)]);
});

test('everyOtherReceives rejects when a client never gets it; the sender must be in the group', async () => {
  await using group = await conductor.simulateWsMany('/hub/red', 2);
  await using stranger = await conductor.simulateWsMany('/hub/green', 1);
  await group.at(0).sendText('hi');
  await expect(group.everyOtherReceives(0, 'bye', { timeout: 200 })).rejects.toBeInstanceOf(ReceiveTimeoutError);
  expect(() => group.others(stranger.at(0))).toThrow(RangeError);
  expect(() => group.others(5)).toThrow(RangeError);
});
