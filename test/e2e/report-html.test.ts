/**
 * `--html`: the page of a real run with a failure (examples/chat-app.ts, whose
 * /ws/chat/:room throws a TypeError on the JSON text `null`), rendered in a real
 * headless Chromium (Debian's `chromium`, driven by playwright-core). The rendered DOM
 * must show every route and the failure, the page must make no network request, and the
 * copy button must put the reproduce line on the clipboard. A screenshot is kept in
 * test-artifacts/. Without /usr/bin/chromium (scripts/setup-browser.mjs installs it as
 * root) the browser tests are skipped, with the reason in their name.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACT = join(ROOT, 'test-artifacts', 'html-report.png');
const SECRET = 'html-report-secret-4711';
const missing = !existsSync(CHROMIUM);

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-html-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--html: checked before the run', () => {
  test('a folder that cannot be made (under /proc) is one line, exit 2, not a hang', async () => {
    const r = await runCli(['--app', 'examples/chat-app.ts', '--html', '/proc/wsroutes-nope/report.html'], { noReport: true, timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('wsroutes: --html /proc/wsroutes-nope/report.html: cannot write the report there (ENOENT)');
  });

  test('an unwritable report (the --routes-report alias) is one line, exit 2, before the app starts', async () => {
    const r = await runCli(['--app', 'examples/chat-app.ts', '--routes-report', dir, '--max-examples', '1'], { noReport: true });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`wsroutes: --routes-report ${dir}: cannot write the report there (it is a directory)`);
  });
});

describe.skipIf(missing)(`--html in Chromium${missing ? ` (skipped: ${CHROMIUM} is missing; run \`node scripts/setup-browser.mjs\` as root)` : ''}`, () => {
  const htmlFile = join(dir, 'report.html');
  let report: any;
  let context: BrowserContext;
  /** Every request the browser made that is not the report file itself. */
  const requests: string[] = [];

  beforeAll(async () => {
    const r = await runCli(
      ['--app', 'examples/chat-app.ts', '--max-examples', '25', '--seed', '7', '--html', htmlFile, '--header', 'X-Api-Key:$WSR_HTML_SECRET'],
      { env: { WSR_HTML_SECRET: SECRET } },
    );
    expect(r.code, r.stderr).toBe(1);
    report = r.report;
    context = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'profile-')), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    context.on('request', (req) => {
      if (!/^(file|data|about):/.test(req.url())) requests.push(req.url());
    });
  });
  afterAll(async () => context?.close());

  test('the request watch sees a page that loads from the network (so its silence below means something)', async () => {
    const control = join(dir, 'control.html');
    writeFileSync(control, '<!doctype html><img src="http://127.0.0.1:9/pixel.png">');
    const page = await context.newPage();
    await page.goto(pathToFileURL(control).href, { waitUntil: 'load' });
    await page.close();
    expect(requests).toEqual(['http://127.0.0.1:9/pixel.png']);
    requests.length = 0;
  });

  test('the rendered page shows every route, the failure block, and loads nothing', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    const failed = report.routes.find((x: any) => x.status === 'failed');
    const failure = failed.failures[0];

    const rows = await page.locator('#summary tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    expect(rows.map((cells) => cells[0])).toEqual(report.routes.map((x: any) => x.path));
    for (const [i, route] of report.routes.entries()) {
      expect(rows[i]!.slice(1, 6)).toEqual([
        route.status.toUpperCase(),
        String(route.sequences),
        route.messagesSent.toLocaleString('en-US'),
        String(route.connections),
        String(route.failures.length),
      ]);
      // The kinds chart counts every message the route sent: its bars add up to messagesSent.
      const kinds = await page.locator(`section.route[data-route="${route.path}"] svg[aria-label="Message kinds sent"] title`).allTextContents();
      expect(kinds.map((k) => k.split(': ')[0])).toEqual(['text', 'json', 'bytes']);
      expect(kinds.reduce((n, k) => n + Number(k.split(': ')[1]), 0)).toBe(route.messagesSent);
      const latency = await page.locator(`section.route[data-route="${route.path}"] svg[aria-label="Reply latency (ms)"] rect`).count();
      expect(latency).toBe(13); // chat-app answers every route's messages
    }

    const block = page.locator('article.failure');
    await expect(block.count()).resolves.toBe(1);
    await expect(block.locator('.banner').innerText()).resolves.toBe(`WEBSOCKET TEST FAILURE: ${failed.path}`);
    await expect(block.locator('.error-type').innerText()).resolves.toBe('server_error');
    await expect(block.locator('pre.trace').innerText()).resolves.toContain("TypeError: Cannot read properties of null (reading 'type')");
    await expect(block.locator('pre.reproduce-line').innerText()).resolves.toBe(failure.reproduce);
    await expect(block.locator('pre.sequence').innerText()).resolves.toContain('null');
    expect(await block.locator('.reproduce button.copy').isVisible()).toBe(true);

    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: ARTIFACT, fullPage: true });
    await page.close();
    expect(requests).toEqual([]);
    expect(readFileSync(htmlFile, 'utf8')).not.toContain(SECRET);
  });

  test('the copy button puts the reproduce line on the clipboard', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.evaluate("navigator.clipboard.writeText('not copied yet')");
    const button = page.locator('article.failure button.copy');
    await button.click();
    await page.waitForFunction("document.querySelector('article.failure button.copy')?.textContent === 'Copied'");
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe(report.routes.find((x: any) => x.status === 'failed').failures[0].reproduce);
    await page.close();
  });
});
