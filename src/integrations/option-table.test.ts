/**
 * One table drives every place an option is given: a key set on the command line, in a
 * config file, in pyproject.toml (where pytest-routes has it), in a runner's options and,
 * where it applies, in the Conductor's, yields the same resolved value, in the same unit.
 * Here because it reads every one of those places (cli/, config/, integrations/, conductor/).
 */
import { describe, expect, test } from 'vitest';
import { parseArgv } from '../cli/parse.js';
import { conductorTargetOptions } from '../conductor/conductor.js';
import { OPTION_TABLE, type OptionDef } from '../config/option-table.js';
import type { Options } from '../config/options.js';
import { parsePyproject, pyprojectToOptions } from '../config/pyproject.js';
import { configToOptions } from '../config/to-options.js';
import type { WsroutesConfig } from '../config/user-config.js';
import { validateConfig } from '../config/validate.js';
import { isWsroutesError } from '../errors.js';
import { runnerValues } from './routes.js';

/** For each option with a flag or a config key: what the flag is given, what a config says, and the Options value both mean. */
const SAMPLES: Partial<Record<keyof Options, { argv?: string; config?: unknown; expected: unknown }>> = {
  app: { argv: 'pkg.mod:app', config: 'pkg.mod:app', expected: 'pkg.mod:app' },
  url: { argv: 'ws://127.0.0.1:1', config: 'ws://127.0.0.1:1', expected: 'ws://127.0.0.1:1' },
  python: { argv: 'python3', config: 'python3', expected: 'python3' },
  appDir: { argv: 'src', config: 'src', expected: 'src' },
  config: { argv: 'wsroutes.config.json', expected: 'wsroutes.config.json' },
  websocket: { config: false, expected: false },
  http: { argv: undefined, config: true, expected: true },
  openapi: { argv: '/openapi.json', config: '/openapi.json', expected: '/openapi.json' },
  methods: { argv: 'get,post', config: ['get', 'post'], expected: ['GET', 'POST'] },
  failOn5xx: { config: true, expected: true },
  allowedStatusCodes: { argv: '200,404', config: [200, 404], expected: [200, 404] },
  validateResponses: { config: true, expected: true },
  responseValidators: { config: ['status_code'], expected: ['status_code'] },
  httpInclude: { argv: '/api/*', config: ['/api/*'], expected: ['/api/*'] },
  httpExclude: { argv: '/api/x', config: ['/api/x'], expected: ['/api/x'] },
  maxExamples: { argv: '7', config: 7, expected: 7 },
  maxMessages: { argv: '4', config: 4, expected: 4 },
  maxClients: { argv: '2', config: 2, expected: 2 },
  maxFailures: { argv: '3', config: 3, expected: 3 },
  maxMessageSize: { argv: '512', config: 512, expected: 512 },
  // Seconds wherever a user writes a timeout; milliseconds inside.
  connectionTimeoutMs: { argv: '2.5', config: 2.5, expected: 2500 },
  messageTimeoutMs: { argv: '0.75', config: 0.75, expected: 750 },
  testCloseCodes: { argv: '1001,4000', config: [1001, 4000], expected: [1001, 4000] },
  validateSubprotocols: { config: true, expected: true },
  subprotocols: { config: [{ route: '/a', offer: ['p'] }], expected: [{ route: '/a', offer: ['p'], required: false }] },
  graphql: { argv: '/graphql', config: ['/graphql'], expected: ['/graphql'] },
  include: { argv: '/ws/*', config: ['/ws/*'], expected: ['/ws/*'] },
  exclude: { argv: '/ws/admin/*', config: ['/ws/admin/*'], expected: ['/ws/admin/*'] },
  routeOverrides: { config: [{ pattern: '/ws/*', skip: true }], expected: [{ pattern: '/ws/*', skip: true }] },
  seed: { argv: '42', config: 42, expected: 42 },
  auth: { argv: 'bearer:$T', config: 'bearer:$T', expected: 'bearer:$T' },
  headers: { argv: 'X-A:$A', config: ['X-A:$A'], expected: ['X-A:$A'] },
  cookies: { argv: 's=$S', config: ['s=$S'], expected: ['s=$S'] },
  query: { argv: 't=$T', config: ['t=$T'], expected: ['t=$T'] },
  // A config (and a runner) may give a prelude message as JSON: it is sent as its JSON text.
  prelude: { argv: '{"type":"login"}', config: [{ type: 'login' }], expected: ['{"type":"login"}'] },
  messageKinds: { argv: 'json,text', config: ['text', 'json'], expected: ['text', 'json'] },
  checks: { argv: 'server_error,timeout', config: ['server_error', 'timeout'], expected: ['server_error', 'timeout'] },
  excludeChecks: { argv: 'timeout', config: ['timeout'], expected: ['timeout'] },
  listChecks: { expected: true },
  setup: { argv: 'setup.ts', config: ['setup.ts'], expected: ['setup.ts'] },
  concurrency: { argv: '16', config: 16, expected: 16 },
  reportJson: { argv: 'out/r.json', config: 'out/r.json', expected: 'out/r.json' },
  html: { argv: 'r.html', config: 'r.html', expected: 'r.html' },
  junit: { argv: 'j.xml', config: 'j.xml', expected: 'j.xml' },
  exportTests: { argv: 'regression', config: 'regression', expected: 'regression' },
  shard: { argv: '2/3', config: '2/3', expected: '2/3' },
  verbose: { config: true, expected: true },
};

const CWD = '/project';
const entries = (OPTION_TABLE as readonly OptionDef[]).filter((d) => d.flag !== undefined || d.config !== undefined);

function fromArgv(d: OptionDef, text: string | undefined): unknown {
  const name = /--[\w-]+/.exec(d.flag!)![0];
  const expectsValue = d.flag!.includes('<');
  // A switch says what it sets by its spelling: the sample's false is its negation.
  const sample = SAMPLES[d.key]!;
  const argv = expectsValue ? [name, text!] : [sample.expected === false ? d.negation! : name];
  const parsed = parseArgv(argv);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.cli.values[d.key];
}

/** `{ a: { b: 1 } }` for `a.b` = 1, as TOML. */
function pyprojectText(path: string, value: unknown): string {
  const keys = path.split('.');
  const table = ['tool.pytest-routes', ...keys.slice(0, -1)].join('.');
  return `[${table.replace('pytest-routes', '"pytest-routes"')}]\n${keys.at(-1)} = ${JSON.stringify(value)}\n`;
}

describe('the option table', () => {
  test('every option a user can set has a sample here', () => {
    expect(entries.map((d) => d.key).filter((k) => SAMPLES[k] === undefined)).toEqual([]);
  });

  test.each(entries.map((d) => [d.key, d] as const))('%s: the same value from each place that takes it', async (_key, d) => {
    const sample = SAMPLES[d.key]!;
    if (d.flag !== undefined) expect(fromArgv(d, sample.argv), `${d.flag}`).toEqual(sample.expected);
    if (d.config === undefined) return;
    const config = { [d.config]: sample.config } as WsroutesConfig;
    expect(configToOptions(validateConfig(config, 'wsroutes.config.json'), { dir: CWD, cwd: CWD })[d.key], 'config file').toEqual(sample.expected);
    expect((await runnerValues({ ...config, cwd: CWD })).values[d.key], 'testWsroutes').toEqual(sample.expected);
    if (d.pytest !== undefined) {
      // pytest-routes spells enabled/max_examples/... its own way; the value and its unit are the config key's.
      const values = parsePyproject(pyprojectText(d.pytest, sample.config));
      expect(pyprojectToOptions(values!)[d.key], `[tool.pytest-routes] ${d.pytest}`).toEqual(sample.expected);
    }
  });

  test('the Conductor takes the config keys that start a target, timeouts in seconds', async () => {
    const options = await conductorTargetOptions({ url: 'ws://127.0.0.1:1', connectionTimeout: 2.5, cwd: CWD });
    expect(options).toMatchObject({ url: 'ws://127.0.0.1:1', connectionTimeoutMs: 2500, cwd: CWD });
    expect((await conductorTargetOptions({ app: 'src/app.ts:make', cwd: CWD })).app).toBe('src/app.ts:make');
  });
});

async function configError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isWsroutesError(e) && e.code === 'CONFIG') return e.message;
    throw e;
  }
  throw new Error('expected a CONFIG error');
}

describe('an unknown key is an error in code too', () => {
  test('a runner integration names the nearest key, old spellings included', async () => {
    expect(await configError(runnerValues({ maxExample: 3 } as never))).toBe('testWsroutes: unknown key maxExample (did you mean maxExamples?)');
    expect(await configError(runnerValues({ connectionTimeoutMs: 3000 } as never))).toBe(
      'testWsroutes: unknown key connectionTimeoutMs (did you mean connectionTimeout?)',
    );
    expect(await configError(runnerValues({ maxExamples: 0 }))).toBe('testWsroutes: maxExamples must be a whole number from 1 to 1000000 (got 0)');
  });

  test('the Conductor: unknown keys and run options that do not apply to it', async () => {
    expect(await configError(conductorTargetOptions({ url: 'ws://127.0.0.1:1', startTimeout: 5 } as never))).toMatch(
      /^Conductor\.start: unknown key startTimeout \(/,
    );
    expect(await configError(conductorTargetOptions({ url: 'ws://127.0.0.1:1', recieveTimeout: 5 } as never))).toBe(
      'Conductor.start: unknown key recieveTimeout (did you mean receiveTimeout?)',
    );
    expect(await configError(conductorTargetOptions({ url: 'ws://127.0.0.1:1', maxExamples: 5 } as never))).toBe(
      'Conductor.start: maxExamples does not apply here (it takes app, appDir, python, url, connectionTimeout, cwd, media, receiveTimeout)',
    );
  });
});
