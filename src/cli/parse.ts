/**
 * argv -> what the command line set, and with which spelling. Commander does the
 * parsing; its errors become WsroutesError so the CLI prints one line and exits 2.
 * `--routes-*` aliases map onto our keys. Config files and defaults come later
 * (`config/load-options.ts`): a key the command line did not set is absent here.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Options } from '../config/options.js';
import { WsroutesError } from '../errors.js';
import { VERSION } from '../version.js';
import { FLAGS } from './flags.js';

/** The options the command line set, and the spelling that set each (`--routes-seed`). */
export interface CliOptions {
  values: Partial<Options>;
  flags: Partial<Record<keyof Options, string>>;
}

export type ParseOutcome = { kind: 'run'; cli: CliOptions } | { kind: 'exit'; code: number; output: string };

function longName(flags: string): string {
  return /--[\w-]+/.exec(flags)![0];
}

/** Commander's attribute name: '--ws-max-messages <n>' -> 'wsMaxMessages'; '--no-x' -> 'x'. */
function attrName(flag: string): string {
  return longName(flag)
    .replace(/^--(no-)?/, '')
    .replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
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
    const opt = new Option(f.short ? `${f.short}, ${f.flags}` : f.flags, f.description);
    if (f.parse) opt.argParser(f.parse as (v: string, p: unknown) => unknown);
    cmd.addOption(opt);
    if (f.negation) cmd.addOption(new Option(f.negation, `turn ${longName(f.flags)} off`));
    for (const alias of f.aliases ?? []) {
      const a = new Option(f.flags.replace(/^--[\w-]+/, alias), f.description).hideHelp();
      if (f.parse) a.argParser(f.parse as (v: string, p: unknown) => unknown);
      cmd.addOption(a);
    }
  }
  return cmd;
}

export function parseArgv(argv: string[]): ParseOutcome {
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
      // One line: Commander puts its "(Did you mean ...?)" on a line of its own.
      throw new WsroutesError('USAGE', `${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see wsroutes --help)`);
    }
    throw e;
  }
  const raw = cmd.opts<Record<string, unknown>>();
  const values: Record<string, unknown> = {};
  const flags: Partial<Record<keyof Options, string>> = {};
  for (const f of FLAGS) {
    const spellings = [longName(f.flags), ...(f.aliases ?? [])];
    const set = spellings.map((s) => ({ s, v: raw[attrName(s)] })).filter((x) => x.v !== undefined);
    if (!set.length) continue;
    if (f.once && set.length > 1) {
      throw new WsroutesError('USAGE', `${set.map((x) => x.s).join(' and ')} were both given: pass ${longName(f.flags)} once`);
    }
    const last = set[set.length - 1]!;
    values[f.key] = Array.isArray(last.v) ? set.flatMap((x) => x.v as unknown[]) : last.v;
    flags[f.key] = f.negation && last.v === false ? f.negation : last.s;
  }
  return { kind: 'run', cli: { values: values as Partial<Options>, flags } };
}
