import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactor } from './redact.js';
import { jsonReportText, toJsonReport } from './json-report.js';
import { writeReportFiles } from './output-files.js';
import { run } from './fixtures.test-data.js';

describe('toJsonReport', () => {
  const report = JSON.parse(JSON.stringify(toJsonReport(run)));

  it('has the contract fields at the top and in the target', () => {
    expect(Object.keys(report)).toEqual(['tool', 'version', 'seed', 'durationMs', 'target', 'routes']);
    expect(report.target).toEqual({ kind: 'node', framework: 'fastify', spec: 'examples/chat-app.ts' });
  });

  it('has the contract fields per route, and nothing of the run beyond them', () => {
    for (const route of report.routes) {
      // A skipped route also says why (an addition to the contract's fields).
      const why = route.status === 'skipped' ? ['skipReason'] : [];
      expect(Object.keys(route)).toEqual(['path', 'kind', 'status', 'sequences', 'messagesSent', 'connections', 'durationMs', ...why, 'failures']);
    }
    expect(report.routes.map((r: { status: string }) => r.status)).toEqual(['passed', 'failed', 'failed', 'skipped']);
  });

  it('writes each failure with the contract names and the sequence as data, bytes in base64', () => {
    const failure = report.routes[1].failures[0];
    expect(Object.keys(failure)).toEqual([
      'errorType',
      'message',
      'messageIndex',
      'sequence',
      'url',
      'closeCode',
      'closeReason',
      'serverTrace',
      'seed',
      'reproduce',
    ]);
    expect(failure.sequence).toEqual([
      { type: 'text', data: 'hi\u0000there' },
      { type: 'json', data: { type: null, tags: ['a\nb', 1.5] } },
      { type: 'bytes', data: Buffer.from([0, 1, 255]).toString('base64') },
    ]);
    expect(failure.closeCode).toBe(1011);
    expect(failure.seed).toBe(54321);
  });

  it('leaves out unknown optional fields but keeps a null message index', () => {
    const failure = report.routes[2].failures[0];
    expect(failure).not.toHaveProperty('closeCode');
    expect(failure).not.toHaveProperty('serverTrace');
    expect(failure.messageIndex).toBeNull();
    expect(failure.sequence).toEqual([]);
  });
});

describe('the JSON report file', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates missing folders and writes JSON that parses back', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wsroutes-report-'));
    const file = join(dir, 'nested', 'deeper', 'report.json');
    await writeReportFiles([{ path: file, text: jsonReportText(run) }]);
    const back = JSON.parse(await readFile(file, 'utf8'));
    expect(back.tool).toBe('wsroutes');
    expect(back.routes[1].failures[0].reproduce).toContain('--seed 54321');
  });

  it("scrubs the run's secrets from every field", async () => {
    dir ||= await mkdtemp(join(tmpdir(), 'wsroutes-report-'));
    const file = join(dir, 'redacted.json');
    const secret = run.routes[1]!.failures[0]!.reproduce.slice(0, 12);
    await writeReportFiles([{ path: file, text: jsonReportText(run, redactor([secret])) }]);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(secret);
    expect(JSON.parse(text).routes[1].failures[0].reproduce).toMatch(/^\*\*\*/);
  });
});
