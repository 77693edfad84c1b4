/** The flags and --help come from the option table: the checks options, and defaults shown in the units a user writes. */
import { describe, expect, test } from 'vitest';
import { parseArgv } from './parse.js';

function run(...argv: string[]) {
  const parsed = parseArgv(argv);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.cli;
}

describe('the option table on the command line', () => {
  test('--checks and --exclude-checks are comma lists, repeatable; names are not checked here; --list-checks is a switch', () => {
    expect(run('--checks', 'server_error, timeout', '--checks', 'no_such_check', '--exclude-checks', 'lost_delivery').values).toEqual({
      checks: ['server_error', 'timeout', 'no_such_check'],
      excludeChecks: ['lost_delivery'],
    });
    expect(run('--list-checks')).toEqual({ values: { listChecks: true }, flags: { listChecks: '--list-checks' } });
  });

  test('--help lists every flag with its default, timeouts in seconds', () => {
    const parsed = parseArgv(['--help']);
    if (parsed.kind !== 'exit') throw new Error('expected help');
    const help = parsed.output.replace(/\s+/g, ' ');
    expect(help).toContain('--ws-timeout <seconds> connection (handshake) timeout, seconds (default: 30)');
    expect(help).toContain('--ws-close-codes <codes> close codes our client ends sequences with, comma-separated (default: 1000,1001)');
    expect(help).toContain('--checks <names>');
    expect(help).toContain('--list-checks list the checks and exit -');
    // The pytest-routes spellings are accepted, not listed.
    expect(help).not.toContain('--routes-');
  });
});
