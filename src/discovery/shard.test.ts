import { describe, expect, test } from 'vitest';
import { isWsroutesError } from '../errors.js';
import { fnv1a32, parseShard, routesInShard, shardOf } from './shard.js';

const routes = Array.from({ length: 40 }, (_, i) => ({ path: i % 2 ? `/ws/room/{id:int}/${i}` : `/ws/chat-${i}` }));

describe('parseShard', () => {
  test('reads I/N, spaces allowed', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  test.each(['0/3', '4/3', '1/0', '-1/3', '1.5/3', '1', '1/', '/3', 'a/b', '', '1/3/5', '1/100000'])('refuses %j with a USAGE line naming the flag', (spec) => {
    let err: unknown;
    try {
      parseShard(spec);
    } catch (e) {
      err = e;
    }
    expect(isWsroutesError(err) && err.code).toBe('USAGE');
    expect((err as Error).message).toContain(`--shard takes I/N`);
    expect((err as Error).message).toContain(`"${spec}"`);
  });

  test('names the config key when given one', () => {
    expect(() => parseShard('2/1', 'config key "shard"')).toThrow(/^config key "shard" takes I\/N/);
  });
});

describe('fnv1a32', () => {
  test('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  test('hashes UTF-8 bytes, so astral characters are stable', () => {
    expect(fnv1a32('/ws/😀')).toBe(fnv1a32('/ws/\u{1F600}'));
    expect(fnv1a32('/ws/é')).not.toBe(fnv1a32('/ws/e'));
  });
});

describe('routesInShard', () => {
  test('the N shards are disjoint and together exactly all routes, for several N', () => {
    for (const n of [1, 2, 3, 5, 7, 40, 100]) {
      const shards = Array.from({ length: n }, (_, i) => routesInShard(routes, { index: i + 1, count: n }).map((r) => r.path));
      const all = shards.flat();
      expect(all).toHaveLength(routes.length);
      expect(new Set(all)).toEqual(new Set(routes.map((r) => r.path)));
    }
  });

  test("depends on the template only: order and the other routes do not change a route's shard", () => {
    const reversed = [...routes].reverse();
    const some = routes.slice(5, 9);
    for (const r of routes) {
      const inFull = routesInShard(routes, { index: shardOf(r.path, 3), count: 3 }).includes(r);
      const inReversed = routesInShard(reversed, { index: shardOf(r.path, 3), count: 3 }).includes(r);
      expect(inFull && inReversed).toBe(true);
    }
    for (const r of some) expect(routesInShard(some, { index: shardOf(r.path, 3), count: 3 })).toContain(r);
  });

  test('spreads routes over the shards (no shard of 40 routes in 4 is empty)', () => {
    for (let i = 1; i <= 4; i++) expect(routesInShard(routes, { index: i, count: 4 }).length).toBeGreaterThan(0);
  });

  test("keeps the routes' order, and all routes without a shard", () => {
    const shard = routesInShard(routes, { index: 1, count: 2 });
    expect(shard).toEqual(routes.filter((r) => shard.includes(r)));
    expect(routesInShard(routes, undefined)).toEqual(routes);
  });
});
