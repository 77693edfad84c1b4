import { describe, expect, it } from 'vitest';
import { countRoutes, formatSummary, thousands } from './summary.js';
import { run } from './fixtures.test-data.js';

describe('formatSummary', () => {
  const text = formatSummary(run, { color: false });
  const lines = text.split('\n');

  it('opens with the title box and closes with the totals line', () => {
    expect(lines[0]).toBe('wsroutes: WebSocket Test Summary');
    expect(lines[1]).toBe('='.repeat('wsroutes: WebSocket Test Summary'.length));
    expect(lines.at(-2)).toBe(lines[1]);
    expect(lines.at(-1)).toBe('1 passed, 2 failed, 1 skipped (routes) in 4.2s — seed 54321');
  });

  it('lists each route with its counters', () => {
    const echo = lines.indexOf('Route: /ws/echo');
    expect(lines.slice(echo, echo + 6)).toEqual([
      'Route: /ws/echo',
      '  Status: passed',
      '  Sequences tested: 100',
      '  Messages sent: 1,247',
      '  Connections established: 100',
      '  Failures: 0',
    ]);
    const chat = lines.indexOf('Route: /ws/chat/:room');
    expect(lines.slice(chat, chat + 6)).toContain('  Failures: 1');
    expect(lines.slice(chat, chat + 6)).toContain('  Status: failed');
  });

  it('gives the reason of a skipped route instead of counters', () => {
    const at = lines.indexOf('Route: /ws/needs-protocol');
    expect(lines.slice(at, at + 3)).toEqual([
      'Route: /ws/needs-protocol',
      '  Status: skipped',
      '  Reason: every connection closed with 4401 before any message (hint: --auth)',
    ]);
  });

  it('has no colour codes when colour is off', () => {
    expect(text).not.toMatch(/\u001b\[/);
  });
});

describe('helpers', () => {
  it('counts routes by status and groups thousands', () => {
    expect(countRoutes(run)).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(thousands(1234567)).toBe('1,234,567');
  });
});
