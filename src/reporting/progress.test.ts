import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Progress } from '../run/results.js';
import { createProgress, formatBar, formatProgress, wantsBar } from './progress.js';

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
  const stream = { isTTY, columns, write: (s: string) => writes.push(s) > 0 };
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

describe('formatBar', () => {
  it('fills cells in proportion to the routes done', () => {
    expect(formatBar(0, 4)).toBe(`[${'░'.repeat(20)}]`);
    expect(formatBar(1, 4)).toBe(`[${'█'.repeat(5)}${'░'.repeat(15)}]`);
    expect(formatBar(4, 4)).toBe(`[${'█'.repeat(20)}]`);
    expect(formatBar(0, 0)).toBe(`[${'░'.repeat(20)}]`);
  });
});

describe('wantsBar', () => {
  it('draws the bar only on a terminal without NO_COLOR or CI', () => {
    expect(wantsBar({ isTTY: true }, {})).toBe(true);
    expect(wantsBar({ isTTY: false }, {})).toBe(false);
    expect(wantsBar({}, {})).toBe(false);
    expect(wantsBar({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsBar({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(wantsBar({ isTTY: true }, { CI: 'false', NO_COLOR: '' })).toBe(true);
  });
});

describe('createProgress', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('on a terminal redraws one line in place and clears it on stop', () => {
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream, () => state, {});
    progress.start();
    vi.advanceTimersByTime(1000);
    const lines = writes.filter((w) => w.startsWith('wsroutes '));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines[0]).toBe('wsroutes ⠋ [████████░░░░░░░░░░░░] 3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat');
    expect(writes.join('')).not.toContain('\n');
    progress.stop();
    const after = writes.length;
    expect(writes.at(-1)).toMatch(/\u001b\[/); // the cursor/clear escape, no new text
    vi.advanceTimersByTime(1000);
    expect(writes.length).toBe(after);
  });

  it('keeps the line within the terminal width', () => {
    const { stream, writes } = fakeStream(true, 30);
    createProgress(stream, () => state, {}).start();
    const line = writes.find((w) => w.startsWith('wsroutes '))!;
    expect([...line].length).toBeLessThan(30);
    expect(line.endsWith('…')).toBe(true);
  });

  it('in a log writes nothing for a short run, then a plain line every five seconds', () => {
    const { stream, writes } = fakeStream(false);
    const progress = createProgress(stream, () => state, {});
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

  it('on a terminal with NO_COLOR or CI set writes the plain line, as in a log', () => {
    for (const env of [{ NO_COLOR: '1' }, { CI: '1' }]) {
      const { stream, writes } = fakeStream(true);
      const progress = createProgress(stream, () => state, env);
      progress.start();
      vi.advanceTimersByTime(5000);
      progress.stop();
      expect(writes).toEqual(['wsroutes: 3/7 routes · 412 sequences · 4,123 messages · 1 failing · /ws/chat\n']);
    }
  });

  it('redraws the bar as routes finish', () => {
    const { stream, writes } = fakeStream(true);
    const live = { ...state, routesDone: 0, failing: 0, current: [] };
    const progress = createProgress(stream, () => live, {});
    progress.start();
    live.routesDone = 7;
    vi.advanceTimersByTime(100);
    progress.stop();
    const lines = writes.filter((w) => w.startsWith('wsroutes '));
    expect(lines[0]).toContain(`[${'░'.repeat(20)}] 0/7 routes`);
    expect(lines.at(-1)).toContain(`[${'█'.repeat(20)}] 7/7 routes`);
  });
});
