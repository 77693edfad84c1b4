/**
 * The flags, read from the option table (`config/option-table.ts`): each option with a
 * flag, its value parser (errors name the flag's main spelling), the pytest-routes
 * spellings (`--routes-*`) as hidden aliases, and, for switches, the negation that turns
 * off a value a config file turned on.
 */
import type { Options } from '../config/options.js';
import { helpLine, OPTION_TABLE, type OptionDef } from '../config/option-table.js';

export interface Flag {
  /** Commander flag syntax: '--max-examples <n>' (a switch has no value). */
  flags: string;
  description: string;
  /** The Options key it sets. */
  key: keyof Options;
  parse?: (value: string, previous: unknown) => unknown;
  /** Hidden aliases, pytest-routes spellings. */
  aliases?: string[];
  /** A one-letter spelling, e.g. '-v'. */
  short?: string;
  /** A switch's off spelling (shown in help), e.g. '--no-websocket': it turns off what a config file turned on. */
  negation?: string;
  /** Given twice (in any spelling) is an error, not a silent replacement. */
  once?: boolean;
}

function toFlag(d: OptionDef & { flag: string }): Flag {
  const name = /--[\w-]+/.exec(d.flag)![0];
  const fromArgv = d.value.fromArgv as ((text: string, previous: unknown, flag: string) => unknown) | undefined;
  // A switch has no value to parse.
  const parse = d.flag.includes('<') && fromArgv ? (text: string, previous: unknown) => fromArgv(text, previous, name) : undefined;
  return { flags: d.flag, description: helpLine(d), key: d.key, parse, aliases: d.aliases, short: d.short, negation: d.negation, once: d.once };
}

export const FLAGS: Flag[] = (OPTION_TABLE as readonly OptionDef[]).filter((d): d is OptionDef & { flag: string } => d.flag !== undefined).map(toFlag);
