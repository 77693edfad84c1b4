import { describe, expect, test } from 'vitest';
import { parseArgv } from './parse.js';
import { isWsroutesError } from '../errors.js';
import { DEFAULTS } from '../config/options.js';
import { parsePyproject, pyprojectToOptions } from '../config/pyproject.js';
import { configToOptions } from '../config/to-options.js';
import { validateConfig } from '../config/validate.js';

function values(argv: string[]): Record<string, unknown> {
  const parsed = parseArgv(argv);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.cli.values;
}

function usage(argv: string[]): string {
  try {
    parseArgv(argv);
  } catch (e) {
    if (isWsroutesError(e)) return e.message;
    throw e;
  }
  throw new Error('expected an error');
}

describe('the HTTP options', () => {
  test('defaults: off, the five methods, 5xx fails, any status allowed, responses not validated', () => {
    expect(DEFAULTS).toMatchObject({
      http: false,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      failOn5xx: true,
      allowedStatusCodes: [],
      validateResponses: false,
      responseValidators: [],
      httpInclude: [],
      httpExclude: [],
    });
  });

  test('flags, with the pytest-routes spellings (--routes is --http)', () => {
    expect(
      values([
        '--routes',
        '--openapi',
        '/openapi.json',
        '--methods',
        'get,post',
        '--no-fail-on-5xx',
        '--allowed-status-codes',
        '200,404',
        '--validate-responses',
        '--routes-include',
        '/api/*',
        '--http-exclude',
        '/api/admin/*',
      ]),
    ).toEqual({
      http: true,
      openapi: '/openapi.json',
      methods: ['GET', 'POST'],
      failOn5xx: false,
      allowedStatusCodes: [200, 404],
      validateResponses: true,
      httpInclude: ['/api/*'],
      httpExclude: ['/api/admin/*'],
    });
    expect(values(['--http', '--no-http'])).toEqual({ http: false });
  });

  test('a bad method or status is one usage line', () => {
    expect(usage(['--methods', 'GET,P0ST'])).toMatch(/--methods takes HTTP methods, comma-separated, e.g. GET,POST \(got "P0ST"\)/);
    expect(usage(['--allowed-status-codes', '200,99'])).toMatch(/--allowed-status-codes takes HTTP statuses 100-599, comma-separated \(got "99"\)/);
  });

  test('config file keys (camelCase); an --openapi file is relative to the config file, a server path is not', () => {
    const c = validateConfig(
      {
        http: true,
        openapi: 'api/openapi.json',
        methods: ['get'],
        failOn5xx: false,
        allowedStatusCodes: [200],
        validateResponses: true,
        responseValidators: ['status_code'],
      },
      'x',
    );
    expect(configToOptions(c, { dir: '/p/conf', cwd: '/p' })).toMatchObject({
      http: true,
      openapi: 'conf/api/openapi.json',
      methods: ['GET'],
      failOn5xx: false,
      allowedStatusCodes: [200],
      validateResponses: true,
      responseValidators: ['status_code'],
    });
    expect(configToOptions({ openapi: '/openapi.json' }, { dir: '/p/conf', cwd: '/p' }).openapi).toBe('/openapi.json');
  });

  test('unknown and wrong keys keep their one-line errors', () => {
    expect(() => validateConfig({ failOn500: true }, 'wsroutes.config.json')).toThrow('unknown key failOn500 (did you mean failOn5xx?)');
    expect(() => validateConfig({ allowedStatusCodes: [42] }, 'wsroutes.config.json')).toThrow(/an HTTP status from 100 to 599/);
    expect(() => parsePyproject('[tool.pytest-routes]\nfail_on_5xxx = true\n')).toThrow(/unknown key \(did you mean "fail_on_5xx"\?\)/);
  });

  test('pyproject: the HTTP keys and the top-level include/exclude (HTTP filters in pytest-routes)', () => {
    const v = parsePyproject('[tool.pytest-routes]\nmethods = ["get"]\nfail_on_5xx = false\ninclude = ["/api/*"]\n')!;
    expect(pyprojectToOptions(v)).toEqual({ methods: ['GET'], failOn5xx: false, httpInclude: ['/api/*'] });
  });
});
