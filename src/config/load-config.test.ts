/** Which source a run reads, from literal files in temp directories (JSON and TOML: no module loading here). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isWsroutesError } from '../errors.js';
import { loadConfig } from './load-config.js';
import { loadOptions } from './load-options.js';

const root = mkdtempSync(join(tmpdir(), 'wsroutes-load-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function configError(cwd: string, explicit?: string): Promise<string> {
  try {
    await loadConfig({ cwd, explicit });
  } catch (e) {
    if (isWsroutesError(e) && e.code === 'CONFIG') return e.message;
    throw e;
  }
  throw new Error('expected a CONFIG error');
}

describe('loadConfig', () => {
  test('no source: undefined; a package.json without "wsroutes" or a pyproject.toml without the table is no source', async () => {
    expect(await loadConfig({ cwd: project({}) })).toBeUndefined();
    expect(await loadConfig({ cwd: project({ 'package.json': '{"name":"x"}', 'pyproject.toml': '[tool.ruff]\nx = 1\n' }) })).toBeUndefined();
  });

  test('wsroutes.config.json beats package.json beats pyproject.toml', async () => {
    const files = {
      'wsroutes.config.json': '{"maxExamples": 2}',
      'package.json': '{"wsroutes": {"maxExamples": 3}}',
      'pyproject.toml': '[tool.pytest-routes]\nmax_examples = 4\n',
    };
    const all = await loadConfig({ cwd: project(files) });
    expect(all).toMatchObject({
      label: 'wsroutes.config.json',
      values: { maxExamples: 2 },
      ignored: ['package.json "wsroutes"', 'pyproject.toml [tool.pytest-routes]'],
    });
    const { 'wsroutes.config.json': _, ...rest } = files;
    expect(await loadConfig({ cwd: project(rest) })).toMatchObject({ label: 'package.json "wsroutes"', values: { maxExamples: 3 } });
    expect(await loadConfig({ cwd: project({ 'pyproject.toml': files['pyproject.toml'] }) })).toMatchObject({ values: { maxExamples: 4 } });
  });

  test('--config wins, and is relative to the cwd; paths inside it are relative to the file', async () => {
    const cwd = project({ 'wsroutes.config.json': '{"maxExamples": 2}', 'conf/other.json': '{"maxExamples": 5, "app": "app.ts", "reportJson": "out.json"}' });
    const loaded = await loadConfig({ cwd, explicit: 'conf/other.json' });
    expect(loaded).toMatchObject({
      label: 'conf/other.json',
      values: { maxExamples: 5, app: 'conf/app.ts', reportJson: 'conf/out.json' },
      ignored: ['wsroutes.config.json'],
    });
  });

  test('a broken source passed over is not named and does not stop the run', async () => {
    const loaded = await loadConfig({ cwd: project({ 'wsroutes.config.json': '{"seed": 1}', 'pyproject.toml': '[tool.pytest-routes\n' }) });
    expect(loaded).toMatchObject({ values: { seed: 1 }, ignored: [] });
  });

  test('problems are one line naming the file', async () => {
    expect(await configError(project({ 'package.json': '{"wsroutes": {"maxMessage": 1}}' }))).toBe(
      'package.json "wsroutes": unknown key maxMessage (did you mean maxMessages?)',
    );
    expect(await configError(project({ 'package.json': '{"name": "x"}' }), 'package.json')).toBe('--config package.json: package.json has no "wsroutes" key');
    expect(await configError(project({ 'pyproject.toml': '[tool.pytest-routes\n' }))).toMatch(/^pyproject\.toml is not valid TOML: /);
    expect(await configError(project({ 'wsroutes.config.json': '' }))).toMatch(/^wsroutes\.config\.json is not valid JSON: /);
  });
});

describe('loadOptions', () => {
  test('command line > config file > defaults, with the source of each key', async () => {
    const cwd = project({ 'wsroutes.config.json': '{"maxExamples": 2, "maxMessages": 4, "connectionTimeout": 1.5}' });
    const { options, provenance } = await loadOptions({ maxMessages: 9 }, cwd);
    expect(options).toMatchObject({ maxExamples: 2, maxMessages: 9, connectionTimeoutMs: 1500, messageTimeoutMs: 10_000, config: 'wsroutes.config.json', cwd });
    expect(provenance).toMatchObject({
      maxExamples: 'config file wsroutes.config.json',
      maxMessages: 'cli',
      connectionTimeoutMs: 'config file wsroutes.config.json',
      messageTimeoutMs: 'default',
    });
  });
});
