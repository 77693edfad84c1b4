/**
 * `--shard I/N`: a deterministic, disjoint share of the routes, so N CI machines split
 * one app's routes between them. A route belongs to shard `fnv1a(template) mod N + 1`:
 * the share depends on the route template alone, never on discovery order, the other
 * routes or a random draw, so every machine computes the same split and the N shards
 * together are exactly the routes (each in one shard). The hash is FNV-1a over the
 * template's UTF-8 bytes (32 bits), small and stable across Node versions and machines.
 */
import { WsroutesError } from '../errors.js';

export interface Shard {
  /** 1-based: 1 <= index <= count. */
  index: number;
  count: number;
}

/** The largest N accepted: beyond it a shard split is surely a typo. */
export const MAX_SHARDS = 10_000;

/** `I/N` -> { index, count }; a malformed spec is a USAGE error naming `what` (the flag or config key). */
export function parseShard(spec: string, what = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(spec);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new WsroutesError('USAGE', `${what} takes I/N with 1 <= I <= N <= ${MAX_SHARDS}, e.g. 1/3 (got "${spec}")`);
  }
  return { index, count };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The 1-based shard a route template belongs to among `count` shards. */
export function shardOf(template: string, count: number): number {
  return (fnv1a32(template) % count) + 1;
}

/** The routes of `shard` (all of them without one), in their order. */
export function routesInShard<T extends { path: string }>(routes: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...routes];
  return routes.filter((r) => shardOf(r.path, shard.count) === shard.index);
}
