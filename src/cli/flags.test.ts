import { describe, expect, test } from 'vitest';
import { configToOptions } from '../config/to-options.js';
import type { WsroutesConfig } from '../config/user-config.js';
import { FLAGS } from './flags.js';

/** A config that sets every key. */
const everything: Required<WsroutesConfig> = {
  app: 'app.ts',
  url: 'ws://127.0.0.1:1',
  python: 'python3',
  appDir: '.',
  enabled: true,
  maxExamples: 1,
  maxMessages: 1,
  maxClients: 1,
  maxFailures: 3,
  http: true,
  openapi: 'openapi.json',
  methods: ['GET'],
  failOn5xx: false,
  allowedStatusCodes: [200],
  validateResponses: true,
  responseValidators: ['status_code'],
  httpInclude: ['/api/*'],
  httpExclude: ['/api/admin/*'],
  connectionTimeout: 1,
  messageTimeout: 1,
  maxMessageSize: 1,
  testCloseCodes: [1000],
  validateSubprotocols: true,
  include: ['/a'],
  exclude: ['/b'],
  seed: 1,
  auth: 'bearer:x',
  verbose: true,
  reportJson: 'r.json',
  html: 'r.html',
  junit: 'j.xml',
  shard: '1/2',
  exportTests: 'regression',
  concurrency: 1,
  subprotocols: [{ route: '/a', offer: ['p'] }],
  graphql: ['/g'],
  setup: ['s.ts'],
  routes: [{ pattern: '/a', skip: true }],
  headers: ['X-A:$A'],
  cookies: ['s=$S'],
  query: ['t=$T'],
  prelude: ['hi', { type: 'login' }],
  messageKinds: ['text'],
  checks: ['server_error'],
  excludeChecks: ['timeout'],
};

describe('the flag table', () => {
  test('every option a flag sets can be set in a config file too', () => {
    const fromConfig = Object.keys(configToOptions(everything, { dir: '/p', cwd: '/p' }));
    // --config names the config file and --list-checks is an action: neither is a config key.
    const fromFlags = FLAGS.map((f) => f.key).filter((k) => k !== 'config' && k !== 'listChecks');
    expect(fromConfig).toEqual(expect.arrayContaining(fromFlags));
  });

  test('each spelling is used once', () => {
    const spellings = FLAGS.flatMap((f) => [f.flags.split(' ')[0], f.short, f.negation, ...(f.aliases ?? [])]).filter(Boolean);
    expect(new Set(spellings).size).toBe(spellings.length);
  });
});
