import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../run/results.js';
import { crash, run } from './fixtures.test-data.js';
import { renderHtmlReport } from './html.js';
import { writeReportFiles } from './output-files.js';
import { redactor } from './redact.js';

const withStats: RunResult = {
  ...run,
  routes: run.routes.map((r, i) =>
    i === 1
      ? {
          ...r,
          stats: { kinds: { text: 70, json: 100, bytes: 20 }, closeCodes: { '1000': 30, '1011': 8 }, latencyCounts: [5, 9, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
        }
      : r,
  ),
};

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(withStats);

  it('has a summary row per route and every failure block with its trace and reproduce line', () => {
    for (const r of run.routes) expect(html).toContain(`<tr data-route="${r.path}">`);
    expect(html.match(/<article class="failure"/g)).toHaveLength(run.routes.flatMap((r) => r.failures).length);
    expect(html).toContain('WEBSOCKET TEST FAILURE: /ws/chat/:room');
    expect(html).toContain('TypeError: Cannot read properties of null (reading &#39;type&#39;)');
    expect(html).toContain(`>${crash.reproduce}</pre><button type="button" class="copy" data-copy-from="reproduce-0">`);
  });

  it('draws the route charts from its stats, and says so when a route has none', () => {
    expect(html).toContain('aria-label="Message kinds sent"');
    expect(html).toContain('<title>json: 100</title>');
    expect(html).toContain('<title>1011: 8</title>');
    expect(html).toContain('<title>&lt;1: 5</title>');
    expect(html).toContain('<title>≥5s: 1</title>');
  });

  it('escapes every value from the run and loads nothing from elsewhere', () => {
    const hostile: RunResult = {
      ...run,
      routes: [
        {
          ...run.routes[1]!,
          path: '/ws/<script>alert(1)</script>',
          failures: [{ ...crash, serverTrace: '<img src=x onerror=alert(1)>', closeReason: '"><b>' }],
        },
      ],
    };
    const page = renderHtmlReport(hostile);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(page).toContain("default-src 'none'");
    expect(page.match(/<script>/g)).toHaveLength(1); // the copy buttons' script, nothing else
  });

  it("shows a multi-client failure's script, step by step", () => {
    const multi: RunResult = {
      ...run,
      routes: [
        {
          ...run.routes[1]!,
          failures: [
            {
              ...crash,
              script: [
                { client: 0, action: 'connect', url: '/ws/chat/a' },
                { client: 1, action: 'connect', url: '/ws/chat/a' },
                { client: 0, action: 'send', url: '/ws/chat/a', message: { type: 'json', data: { type: 'leave' } } },
                { client: 1, action: 'close', url: '/ws/chat/a', code: 1000 },
              ],
            },
          ],
        },
      ],
    };
    const page = renderHtmlReport(multi);
    expect(page).toContain(
      '<pre class="script">[0] client 0 connect /ws/chat/a\n[1] client 1 connect /ws/chat/a\n[2] client 0 send (json): {&quot;type&quot;: &quot;leave&quot;}\n[3] client 1 close 1000</pre>',
    );
  });

  it('redacts the secrets of the run before escaping', () => {
    const secret = 's3cr&t-token';
    const leaky: RunResult = { ...run, routes: [{ ...run.routes[1]!, failures: [{ ...crash, serverTrace: `Error: bad token ${secret}` }] }] };
    const page = renderHtmlReport(leaky, redactor([secret]));
    expect(page).not.toContain('s3cr');
    expect(page).toContain('Error: bad token ***');
  });
});

describe('the HTML report file', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('writes the page, creating the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsroutes-html-'));
    dirs.push(dir);
    const file = join(dir, 'nested', 'report.html');
    await writeReportFiles([{ path: file, text: renderHtmlReport(run) }]);
    expect(await readFile(file, 'utf8')).toMatch(/^<!doctype html>/);
  });
});
