import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '../results.js';
import { createProgress, formatProgress } from './progress.js';

const state: Progress = {
  routesTotal: 7,
  routesDone: 3,
  sequences: 412,
  messages: 4123,
  failing: 1,
  current: ['/ws/chat'],
};

/** A stream that records what is written to it. */
function fakeStream(isTTY: boolean, columns = 200) {
  const writes: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => (writes.push(s), true) };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

describe('formatProgress', () => {
  it('shows the counters, the failing count and the route in progress', () => {
    expect(formatProgress(state)).toBe('3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat');
  });

  it('leaves out failing when none, and counts other routes in progress', () => {
    const text = formatProgress({ ...state, failing: 0, current: ['/ws/a', '/ws/b', '/ws/c'] });
    expect(text).toBe('3/7 routes · 412 sequences · 4,123 messages · /ws/a +2');
  });
});

describe('createProgress', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('on a terminal redraws one line in place and clears it on stop', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream, () => state);
    progress.start();
    vi.advanceTimersByTime(1000);
    const lines = writes.filter((w) => w.startsWith('wsroutes '));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines[0]).toMatch(/^wsroutes \S 3\/7 routes/);
    expect(writes.join('')).not.toContain('\n');
    progress.stop();
    const after = writes.length;
    expect(writes.at(-1)).toMatch(/\u001b\[/); // the cursor/clear escape, no new text
    vi.advanceTimersByTime(1000);
    expect(writes.length).toBe(after);
  });

  it('keeps the line within the terminal width', () => {
    const { stream, writes } = fakeStream(true, 30);
    createProgress(stream, () => state).start();
    const line = writes.find((w) => w.startsWith('wsroutes '))!;
    expect([...line].length).toBeLessThan(30);
    expect(line.endsWith('…')).toBe(true);
  });

  it('in a log writes nothing for a short run, then a plain line every five seconds', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgress(stream, () => state);
    progress.start();
    vi.advanceTimersByTime(4999);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['wsroutes: 3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat\n']);
    vi.advanceTimersByTime(5000);
    expect(writes).toHaveLength(2);
    progress.stop();
    vi.advanceTimersByTime(20000);
    expect(writes).toHaveLength(2);
  });
});
