// Loaded with `node --import` into a CLI child by bench/scale.ts: writes the process's
// peak resident set size (KiB, process.resourceUsage().maxRSS) to $BENCH_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
