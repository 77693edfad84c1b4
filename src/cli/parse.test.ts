import { describe, expect, test } from 'vitest';
import { isWsroutesError } from '../errors.js';
import { parseArgv } from './parse.js';

function cli(...argv: string[]) {
  const parsed = parseArgv(argv);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.cli;
}

function usageError(...argv: string[]): string {
  try {
    parseArgv(argv);
  } catch (e) {
    if (isWsroutesError(e) && e.code === 'USAGE') return e.message;
    throw e;
  }
  throw new Error('expected a USAGE error');
}

describe('parseArgv', () => {
  test('only what the command line set', () => {
    expect(cli('--app', 'a.ts')).toEqual({ values: { app: 'a.ts' }, flags: { app: '--app' } });
    expect(cli().values).toEqual({});
  });

  test('--graphql: comma-separated route globs, repeatable, as the config key graphql holds them', () => {
    expect(cli('--graphql', '/graphql,/api/*', '--graphql', '/subscriptions').values).toEqual({ graphql: ['/graphql', '/api/*', '/subscriptions'] });
    expect(usageError('--graphql')).toMatch(/--graphql/);
  });

  test('units and lists as Options holds them', () => {
    const { values } = cli(
      '--ws-timeout',
      '0.2',
      '--ws-message-timeout',
      '1.5',
      '--ws-include',
      '/a,/b',
      '--ws-include',
      '/c',
      '--ws-close-codes',
      '1001,4000',
    );
    expect(values).toEqual({ connectionTimeoutMs: 200, messageTimeoutMs: 1500, include: ['/a', '/b', '/c'], testCloseCodes: [1001, 4000] });
  });

  test('--routes-* spellings are aliases, and the spelling is remembered', () => {
    const { values, flags } = cli(
      '--routes-app',
      'm:app',
      '--routes-ws-max-messages',
      '3',
      '--routes-seed',
      '5',
      '--routes-ws-validate-subprotocols',
      '--routes-ws-close-codes',
      '1000',
    );
    expect(values).toEqual({ app: 'm:app', maxMessages: 3, seed: 5, validateSubprotocols: true, testCloseCodes: [1000] });
    expect(flags).toMatchObject({ app: '--routes-app', maxMessages: '--routes-ws-max-messages', validateSubprotocols: '--routes-ws-validate-subprotocols' });
  });

  test('switches: on, off (to beat a config file), short -v', () => {
    expect(cli('--ws-validate-subprotocols').values).toEqual({ validateSubprotocols: true });
    expect(cli('--no-ws-validate-subprotocols').values).toEqual({ validateSubprotocols: false });
    expect(cli('--no-websocket')).toEqual({ values: { websocket: false }, flags: { websocket: '--no-websocket' } });
    expect(cli('--routes-websocket').values).toEqual({ websocket: true });
    expect(cli('-v').values).toEqual({ verbose: true });
    expect(cli('--no-verbose').values).toEqual({ verbose: false });
  });

  test('--setup is repeatable; --config is a path', () => {
    expect(cli('--setup', 'a.ts', '--setup', 'b,c.ts', '--config', 'cfg/wsroutes.config.ts').values).toEqual({
      setup: ['a.ts', 'b,c.ts'],
      config: 'cfg/wsroutes.config.ts',
    });
  });

  test('bad values are one line naming the flag', () => {
    expect(usageError('--ws-close-codes', '1000,1005')).toMatch(/--ws-close-codes takes close codes .* \(got "1005"\)/);
    expect(usageError('--ws-close-codes', 'abc')).toMatch(/got "abc"/);
    expect(usageError('--ws-timeout', '0')).toMatch(/--ws-timeout must be a number of seconds above 0/);
    expect(usageError('--max-exampels', '3')).toBe("unknown option '--max-exampels' (Did you mean --max-examples?) (see wsroutes --help)");
  });
});

describe('the inputs real clients send', () => {
  test('--header, --cookie, --query and --ws-prelude repeat; --ws-message-kinds is a set', () => {
    const { values } = cli(
      '--header',
      'X-Api-Key:$KEY',
      '--header',
      'X-Tenant: a,b',
      '--cookie',
      'session=$SID',
      '--query',
      'token=$T',
      '--query',
      'v=2',
      '--ws-prelude',
      '{"type":"login"}',
      '--ws-prelude',
      'hello, world',
      '--ws-message-kinds',
      'json,text',
      '--ws-message-kinds',
      'text',
    );
    expect(values).toEqual({
      headers: ['X-Api-Key:$KEY', 'X-Tenant: a,b'],
      cookies: ['session=$SID'],
      query: ['token=$T', 'v=2'],
      prelude: ['{"type":"login"}', 'hello, world'],
      messageKinds: ['text', 'json'],
    });
  });

  test('malformed inputs are one line, never the value', () => {
    expect(usageError('--cookie', 'hunter2')).toBe('--cookie: expected NAME=VALUE (no "=" found)');
    expect(usageError('--header', 'no colon hunter2')).toBe('--header: expected NAME:VALUE (no ":" found)');
    expect(usageError('--header', 'X-A:x\ny')).toMatch(/line break/);
    expect(usageError('--query', '=hunter2')).toMatch(/^--query: /);
    expect(usageError('--ws-message-kinds', 'text,binary')).toMatch(/--ws-message-kinds takes text, json and bytes.*\(got "binary"\)/);
    expect(usageError('--auth', 'basic:hunter2')).not.toContain('hunter2');
  });

  test('a repeated --auth is an error, in any spelling', () => {
    expect(usageError('--auth', 'bearer:a', '--auth', 'bearer:b')).toMatch(/^--auth was given twice/);
    expect(usageError('--auth', 'bearer:a', '--routes-auth', 'bearer:b')).toBe('--auth and --routes-auth were both given: pass --auth once');
  });
});
