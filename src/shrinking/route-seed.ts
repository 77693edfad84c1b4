/**
 * Each route draws from its own seed, derived from the run seed and the route
 * template, so `--ws-include ROUTE --seed N` replays exactly what that route saw
 * in the full run, whichever other routes ran beside it.
 */
export function routeSeed(runSeed: number, routePath: string): number {
  // FNV-1a over the seed and the template: stable, dependency-free, good enough to spread seeds.
  let h = 0x811c9dc5;
  for (const ch of `${runSeed}:${routePath}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser, so nearby inputs land far apart
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) & 0x7fffffff;
}
