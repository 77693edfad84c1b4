import { describe, expect, test } from 'vitest';
import { describeOptions } from './describe.js';
import { resolveLayers } from './resolve.js';
import { configToOptions } from './to-options.js';

describe('resolveLayers', () => {
  test('per key: command line, then config file, then defaults', () => {
    const { options, provenance } = resolveLayers(
      [
        { values: { maxMessages: 3, include: ['/ws/a'] }, source: 'cli' },
        { values: { maxMessages: 7, maxExamples: 20, include: ['/ws/b', '/ws/c'], seed: 9 }, source: 'config file wsroutes.config.ts' },
      ],
      '/project',
    );
    expect(options).toMatchObject({ maxMessages: 3, maxExamples: 20, include: ['/ws/a'], seed: 9, cwd: '/project' });
    // Not given anywhere: unset, which the run reads as adaptive.
    expect(options.concurrency).toBeUndefined();
    expect(provenance).toMatchObject({
      maxMessages: 'cli',
      include: 'cli',
      maxExamples: 'config file wsroutes.config.ts',
      seed: 'config file wsroutes.config.ts',
      concurrency: 'default',
      auth: 'default',
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  test('a false from the config file is a value, not a gap', () => {
    const { options, provenance } = resolveLayers(
      [
        { values: {}, source: 'cli' },
        { values: { websocket: false }, source: 'config file x.json' },
      ],
      '/p',
    );
    expect(options.websocket).toBe(false);
    expect(provenance.websocket).toBe('config file x.json');
  });

  test('no seed anywhere: a random one, from the defaults', () => {
    const { options, provenance } = resolveLayers([], '/p');
    expect(Number.isInteger(options.seed)).toBe(true);
    expect(provenance.seed).toBe('default');
  });
});

describe('configToOptions', () => {
  test('seconds become milliseconds; enabled, routes and subprotocols take the Options names', () => {
    const o = configToOptions(
      {
        connectionTimeout: 0.25,
        messageTimeout: 2,
        enabled: false,
        routes: [{ pattern: '/ws/*', skip: true }],
        subprotocols: [{ route: '/ws/chat', offer: ['chat.v1'] }],
      },
      { dir: '/project', cwd: '/project' },
    );
    expect(o).toEqual({
      connectionTimeoutMs: 250,
      messageTimeoutMs: 2000,
      websocket: false,
      routeOverrides: [{ pattern: '/ws/*', skip: true }],
      subprotocols: [{ route: '/ws/chat', offer: ['chat.v1'], required: false }],
    });
  });

  test('paths are relative to the config file, shown relative to the cwd', () => {
    const o = configToOptions(
      { app: 'src/app.ts:createApp', setup: ['./strategies.ts'], reportJson: 'out/report.json', python: '.venv/bin/python' },
      { dir: '/project/config', cwd: '/project' },
    );
    expect(o).toEqual({
      app: 'config/src/app.ts:createApp',
      setup: ['config/strategies.ts'],
      reportJson: 'config/out/report.json',
      python: 'config/.venv/bin/python',
    });
    expect(configToOptions({ app: 'app.ts', python: 'python3' }, { dir: '/project', cwd: '/project/sub' })).toEqual({
      app: '/project/app.ts',
      python: 'python3',
    });
  });

  test('a path outside the cwd stays absolute', () => {
    expect(configToOptions({ app: 'app.ts' }, { dir: '/elsewhere', cwd: '/project' })).toEqual({ app: '/elsewhere/app.ts' });
  });

  test('a Python app in a config file elsewhere is imported from that directory', () => {
    expect(configToOptions({ app: 'chat_app:app' }, { dir: '/project/py', cwd: '/project' })).toEqual({ app: 'chat_app:app', appDir: 'py' });
    expect(configToOptions({ app: 'chat_app:app' }, { dir: '/project', cwd: '/project' })).toEqual({ app: 'chat_app:app' });
  });
});

describe('describeOptions', () => {
  test('one line per key with its value and source; the auth secret reduced to its kind', () => {
    const { options, provenance } = resolveLayers(
      [
        { values: { auth: 'bearer:hunter2', seed: 4 }, source: 'cli' },
        { values: { maxMessages: 2 }, source: 'config file package.json "wsroutes"' },
      ],
      '/p',
    );
    const lines = describeOptions(options, provenance, { auth: '--routes-auth', seed: '--seed' });
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines.find((l) => /^\s+auth\s/.test(l))).toMatch(/bearer:\*\*\*\s+\[cli \(--routes-auth\)\]$/);
    expect(lines.find((l) => /^\s+maxMessages\s/.test(l))).toMatch(/ 2\s+\[config file package\.json "wsroutes"\]$/);
    expect(lines.find((l) => /^\s+maxExamples\s/.test(l))).toMatch(/ 100\s+\[default\]$/);
  });
});
