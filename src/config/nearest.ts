/**
 * "Did you mean ...?" for an unknown config key: the known key closest by edit
 * distance (case-insensitive), or none when nothing is close enough to be a typo.
 */

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Words of a key in any spelling: `max_messages`, `maxMessages`, `max-messages` -> `maxmessages`. */
function fold(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(fold(key), fold(candidate));
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  // A typo changes a few characters; beyond a third of the word it is another word.
  if (!best || best.distance > Math.max(2, Math.floor(fold(key).length / 3))) return undefined;
  return best.key;
}
