import { test } from 'vitest';
import { TraceCollector } from '../traces.js';

test('times out with a collector active', async () => {
  const c = new TraceCollector();
  try { await new Promise(() => {}); } finally { c.dispose(); }
}, 1000);
test('next', () => {});
