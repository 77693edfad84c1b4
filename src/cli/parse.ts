/**
 * argv -> Options. Commander does the parsing; its errors become WsroutesError so
 * the CLI prints one line and exits 2. `--routes-*` aliases map onto our keys.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Options } from '../config/options.js';
import { resolveOptions } from '../config/options.js';
import { WsroutesError } from '../errors.js';
import { VERSION } from '../version.js';
import { FLAGS } from './flags.js';

export type ParseOutcome = { kind: 'run'; options: Options } | { kind: 'exit'; code: number; output: string };

function attrName(flag: string): string {
  return flag
    .replace(/^--/, '')
    .split(' ')[0]!
    .replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export function buildCommand(): Command {
  const cmd = new Command('wsroutes')
    .description('Property-based testing of WebSocket routes: finds crashes, hangs and bad closes, with a minimal reproducing sequence.')
    .version(VERSION, '-V, --version')
    .helpOption('-h, --help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const f of FLAGS) {
    const opt = new Option(f.flags, f.description);
    if (f.parse) opt.argParser(f.parse as (v: string, p: unknown) => unknown);
    cmd.addOption(opt);
    for (const alias of f.aliases ?? []) {
      const a = new Option(f.flags.replace(/^--[\w-]+/, alias), f.description).hideHelp();
      if (f.parse) a.argParser(f.parse as (v: string, p: unknown) => unknown);
      cmd.addOption(a);
    }
  }
  cmd.addOption(new Option('-v', 'same as --verbose').hideHelp());
  // pytest-routes turns WebSocket testing on with a flag; here it is on by default.
  cmd.addOption(new Option('--websocket', 'test WebSocket routes (default)').hideHelp());
  cmd.addOption(new Option('--routes-websocket', 'same as --websocket').hideHelp());
  cmd.addOption(new Option('--no-websocket', 'do not test WebSocket routes'));
  return cmd;
}

export function parseArgv(argv: string[], env: { cwd: string } = { cwd: process.cwd() }): ParseOutcome {
  const cmd = buildCommand();
  let help = '';
  cmd.configureOutput({ writeOut: (s) => (help += s), writeErr: () => {} });
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') {
        return { kind: 'exit', code: 0, output: help || `${VERSION}\n` };
      }
      throw new WsroutesError('USAGE', `${e.message.replace(/^error: /, '')} (see wsroutes --help)`);
    }
    throw e;
  }
  const raw = cmd.opts<Record<string, unknown>>();
  const partial: Record<string, unknown> = {};
  for (const f of FLAGS) {
    const values = [attrName(f.flags), ...(f.aliases ?? []).map(attrName)].map((n) => raw[n]).filter((v) => v !== undefined);
    if (!values.length) continue;
    partial[f.key] = Array.isArray(values[0]) ? values.flat() : values[values.length - 1];
  }
  if (raw.v) partial.verbose = true;
  partial.websocket = raw.websocket !== false;
  partial.cwd = env.cwd;
  return { kind: 'run', options: resolveOptions(partial as Partial<Options>) };
}
