/**
 * The kinds of option values, each once: how a flag's text becomes the Options value
 * (and the one-line error when it cannot), the zod schema of the value in a config file
 * (its description is what a config error quotes), and how a config value becomes the
 * Options value (seconds to milliseconds, paths against the config file's directory).
 * Both wordings of one kind say the same thing: `--ws-timeout must be a number of seconds
 * above 0 ...` and `connectionTimeout must be a number of seconds above 0 ...`.
 * zod comes in as an argument: the flag parser never loads it (it takes ~80 ms).
 */
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type * as Zod from 'zod';
import { parseShard } from '../discovery/shard.js';
import { WsroutesError } from '../errors.js';
import { isNodeSpec, mapNodeSpecFile } from './app-spec.js';
import { isSendableCloseCode } from './close-codes.js';
import { displayPath } from './display-path.js';
import { parseCookie, parseHeader, parseQuery, splitAuth } from './handshake-grammar.js';
import { MAX_EXAMPLES, MAX_TIMEOUT_SECONDS, MESSAGE_KINDS, type MessageKindOption } from './limits.js';
import type { RouteOverride, SubprotocolRule } from './options.js';

type Z = typeof Zod.z;

/** Where a config's values came from: paths in it are relative to `dir`, shown relative to `cwd`. */
export interface ConfigPlace {
  /** The config file's directory (the cwd for options given in code). */
  dir: string;
  cwd: string;
}

// Methods, not function properties: a ValueType<string> is one of the table's ValueType<unknown>s.
export interface ValueType<T> {
  /** A flag's text -> the value; `previous` is what earlier uses of the flag gave. Absent: a switch. */
  fromArgv?(text: string, previous: T | undefined, flag: string): T;
  /** The value's schema in a config file (and in a runner's or the Conductor's options). */
  schema(z: Z): Zod.ZodType;
  /** A config value in Options units; the value itself when absent. */
  fromConfig?(value: unknown, place: ConfigPlace): T;
}

/** A ValueType whose config value has type C. */
function kind<T, C = T>(v: {
  fromArgv?: ValueType<T>['fromArgv'];
  schema: (z: Z) => Zod.ZodType;
  fromConfig?: (value: C, place: ConfigPlace) => T;
}): ValueType<T> {
  return v as ValueType<T>;
}

const bad = (flag: string, expected: string, text: string): InvalidArgumentError => new InvalidArgumentError(`${flag} must be ${expected} (got "${text}")`);

const split = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A path in a config file: relative to the file, shown relative to the cwd when inside it. */
export const configPath = (p: string, place: ConfigPlace): string => displayPath(resolve(place.dir, p), place.cwd);

// ---- scalars ------------------------------------------------------------------------

export const switchValue = kind<boolean>({ schema: (z) => z.boolean().describe('true or false') });

export const text = kind<string>({ fromArgv: (v) => v, schema: (z) => z.string().min(1).describe('a non-empty string') });

/** A file or directory: relative to the config file in a config file. */
export const path = kind<string>({ fromArgv: (v) => v, schema: text.schema, fromConfig: configPath });

/** A whole number in [min, max]; the wording names the range. */
export function wholeNumber(min: number, max?: number): ValueType<number> {
  const expected = max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return kind<number>({
    fromArgv: (v, _p, flag) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || (max !== undefined && n > max)) throw bad(flag, expected, v);
      return n;
    },
    schema: (z) => {
      const n = z.number().int().min(min);
      return (max === undefined ? n : n.max(max)).describe(expected);
    },
  });
}

export const count = wholeNumber(1);

/** A count with a ceiling (beyond it a run exhausts memory, file descriptors or time), worded as its own error. */
export function countUpTo(max: number): ValueType<number> {
  const base = wholeNumber(1, max);
  return kind<number>({
    fromArgv: (v, p, flag) => {
      const n = count.fromArgv!(v, p, flag);
      if (n > max) throw new InvalidArgumentError(`${flag} must be at most ${max} (got "${v}")`);
      return n;
    },
    schema: base.schema,
  });
}

const SEED_RANGE = wholeNumber(0, 0x7fffffff);

/** The run's seed: a 31-bit whole number (the flag's error says "the seed", as it always has). */
export const seed = kind<number>({
  fromArgv: (v) => SEED_RANGE.fromArgv!(v, undefined, 'the seed'),
  schema: SEED_RANGE.schema,
});

const SECONDS = `a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (a day)`;
const ms = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));

/** Seconds everywhere a user writes one (flag, config file, pyproject, runner, Conductor); milliseconds in Options. */
export const seconds = kind<number, number>({
  fromArgv: (v, _p, flag) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS) throw bad(flag, SECONDS, v);
    return ms(n);
  },
  schema: (z) => z.number().positive().max(MAX_TIMEOUT_SECONDS).describe(SECONDS),
  fromConfig: ms,
});

/** `I/N`, checked here so a bad spec fails before the app starts. */
export const shard = kind<string>({
  fromArgv: (v) => {
    parseShard(v);
    return v.trim();
  },
  schema: (z) =>
    z
      .string()
      .regex(/^\s*\d+\s*\/\s*\d+\s*$/)
      .refine(parses((v) => parseShard(v)))
      .describe('"I/N" with 1 <= I <= N, e.g. "1/3"'),
});

/** `--app`: a Node file relative to the config file keeps its `:EXPORT`; a Python spec stays as written. */
export const appSpec = kind<string>({
  fromArgv: (v) => v,
  schema: text.schema,
  fromConfig: (v: string, place) => (isNodeSpec(v) ? mapNodeSpecFile(v, (file) => configPath(file, place)) : v),
});

/** `--python`: a bare interpreter name ("python3") is looked up on PATH, not next to the config. */
export const interpreter = kind<string>({
  fromArgv: (v) => v,
  schema: text.schema,
  fromConfig: (v: string, place) => (/[\\/]/.test(v) ? configPath(v, place) : v),
});

/** `--openapi`: a URL or a path on the running server (`/openapi.json`) stays as written; a file is relative to the config. */
export const documentRef = kind<string>({
  fromArgv: (v) => v,
  schema: text.schema,
  fromConfig: (v: string, place) => (/^https?:\/\//i.test(v) || v.startsWith('/') ? v : configPath(v, place)),
});

export const auth = kind<string>({
  fromArgv: (v, previous) => {
    if (previous !== undefined)
      throw new WsroutesError('USAGE', '--auth was given twice: pass one spec (add other credentials with --header, --cookie or --query)');
    splitAuth(v);
    return v;
  },
  schema: (z) => z.string().refine(parses(splitAuth)).describe('bearer:TOKEN, header:NAME:VALUE or query:NAME:VALUE'),
});

// ---- lists --------------------------------------------------------------------------

/** Comma-separated and repeatable on the command line: `--ws-include /a,/b --ws-include /c`. */
function commaList(describe: string): ValueType<string[]> {
  return kind<string[]>({
    fromArgv: (v, previous) => [...(previous ?? []), ...split(v)],
    schema: (z) => z.array(z.string().min(1)).describe(describe),
  });
}

export const globs = commaList('a list of route globs, e.g. ["/ws/*"]');

/** Names of the checks registry; the registry checks them, not the grammar. */
export const checkNames = commaList('a list of check names, e.g. ["server_error"]');

/** Repeatable, one value each (a path or a message may hold a comma). */
const repeat = (v: string, previous: string[] | undefined): string[] => [...(previous ?? []), v];

/** Names with no effect here (pytest-routes' Python classes). */
export const names = kind<string[]>({ fromArgv: repeat, schema: (z) => z.array(z.string().min(1)).describe('a list of names') });

/** `--setup`: modules, relative to the config file. */
export const modulePaths = kind<string[], string[]>({
  fromArgv: repeat,
  schema: (z) => z.array(z.string().min(1).describe('a non-empty string')).describe('a list of module paths'),
  fromConfig: (v, place) => v.map((p) => configPath(p, place)),
});

/** A comma-separated list, each item read by `item` (undefined: refused); `takes` is the flag's wording of what it takes. */
function checkedList<T>(o: {
  takes: string;
  item: (s: string) => T | undefined;
  merge?: (all: T[]) => T[];
  schema: (z: Z) => Zod.ZodType;
  fromConfig?: (value: T[]) => T[];
}): ValueType<T[]> {
  return kind<T[], T[]>({
    fromArgv: (v, previous, flag) => {
      const given = split(v);
      const items = given.map(o.item);
      const badAt = items.indexOf(undefined);
      if (badAt >= 0 || !given.length) throw new InvalidArgumentError(`${flag} takes ${o.takes} (got "${badAt >= 0 ? given[badAt] : v}")`);
      const all = [...(previous ?? []), ...(items as T[])];
      return o.merge ? o.merge(all) : all;
    },
    schema: o.schema,
    fromConfig: o.fromConfig ? (v) => o.fromConfig!(v) : undefined,
  });
}

const toInt = (ok: (n: number) => boolean) => (s: string) => {
  const n = Number(s);
  return Number.isInteger(n) && ok(n) ? n : undefined;
};

export const closeCodes = checkedList<number>({
  takes: 'close codes 1000-1003, 1007-1014 or 3000-4999, comma-separated',
  item: toInt(isSendableCloseCode),
  schema: (z) =>
    z
      .array(
        z
          .number()
          .int()
          // The message is what pyproject.toml's errors quote; a config file's quote the description.
          .refine(isSendableCloseCode, { error: 'a close code a client can send (1000-1003, 1007-1014, 3000-4999)' })
          .describe('a close code: 1000-1003, 1007-1014 or 3000-4999'),
      )
      .min(1)
      .describe('a non-empty list of close codes, e.g. [1000, 1001]'),
});

export const statusCodes = checkedList<number>({
  takes: 'HTTP statuses 100-599, comma-separated',
  item: toInt((n) => n >= 100 && n <= 599),
  schema: (z) => z.array(z.number().int().min(100).max(599).describe('an HTTP status from 100 to 599')).describe('a list of HTTP statuses, e.g. [200, 404]'),
});

export const methods = checkedList<string>({
  takes: 'HTTP methods, comma-separated, e.g. GET,POST',
  item: (s) => (/^[A-Za-z]+$/.test(s) ? s.toUpperCase() : undefined),
  merge: (all) => [...new Set(all)],
  schema: (z) =>
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z]+$/)
          .describe('an HTTP method, e.g. "GET"'),
      )
      .min(1)
      .describe('a non-empty list of HTTP methods, e.g. ["GET", "POST"]'),
  fromConfig: (v) => v.map((m) => m.toUpperCase()),
});

export const messageKinds = checkedList<MessageKindOption>({
  takes: 'text, json and bytes, comma-separated',
  item: (s) => ((MESSAGE_KINDS as readonly string[]).includes(s) ? (s as MessageKindOption) : undefined),
  // A set, in the canonical order.
  merge: (all) => MESSAGE_KINDS.filter((k) => all.includes(k)),
  schema: (z) =>
    z
      .array(z.enum(MESSAGE_KINDS as ['text', 'json', 'bytes']))
      .min(1)
      .describe('a non-empty list of message kinds: "text", "json", "bytes"'),
});

/** A zod refinement from a grammar's parser: whether it takes the value (its error, which may hold a secret, is dropped). */
function parses(parse: (spec: string) => unknown): (v: string) => boolean {
  return (v) => {
    try {
      parse(v);
      return true;
    } catch {
      return false;
    }
  };
}

/** `--header`/`--cookie`/`--query`: repeatable, each checked by the handshake grammar (which never shows a value). */
function handshakeList(parse: (spec: string) => unknown, shape: string): ValueType<string[]> {
  return kind<string[]>({
    fromArgv: (v, previous) => {
      parse(v);
      return repeat(v, previous);
    },
    schema: (z) => z.array(z.string().refine(parses(parse)).describe(shape)).describe(`a list of "${shape}" strings ($VAR expanded)`),
  });
}

export const headers = handshakeList(parseHeader, 'NAME:VALUE');
export const cookies = handshakeList(parseCookie, 'NAME=VALUE');
export const queryParams = handshakeList(parseQuery, 'NAME=VALUE');

/** `--ws-prelude`: text on the command line; in a config, a string or a JSON object or array (sent as its JSON text). */
export const prelude = kind<string[], unknown[]>({
  fromArgv: repeat,
  schema: (z) =>
    z
      .array(
        z
          .union([z.string(), z.record(z.string(), z.json()), z.array(z.json())])
          .describe('a message: a string (JSON when it parses, else text), or a JSON object or array'),
      )
      .describe('a list of messages sent first on every connection'),
  fromConfig: (v) => v.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))),
});

// ---- config-only structures ---------------------------------------------------------

/** `subprotocols`: offers per route glob; `required` defaults to false. */
export const subprotocolRules = kind<SubprotocolRule[], Array<{ route: string; offer: string[]; required?: boolean }>>({
  schema: (z) =>
    z.array(
      z
        .strictObject({
          route: z.string().min(1).describe('a route glob'),
          offer: z.array(z.string().min(1).describe('a non-empty string')).min(1).describe('a non-empty list of subprotocol names'),
          required: z.boolean().describe('true or false').optional(),
        })
        .describe('{ route, offer, required? }'),
    ),
  fromConfig: (v) => v.map((c) => ({ route: c.route, offer: [...c.offer], required: c.required ?? false })),
});

/** `routes`: per-route overrides, the last matching entry winning. */
export const routeOverrides = kind<RouteOverride[], RouteOverride[]>({
  schema: (z) =>
    z.array(
      z
        .strictObject({
          pattern: z.string().min(1).describe('a route glob'),
          maxExamples: z.number().int().min(1).max(MAX_EXAMPLES).describe(`a whole number from 1 to ${MAX_EXAMPLES}`).optional(),
          skip: z.boolean().describe('true or false').optional(),
        })
        .describe('{ pattern, maxExamples?, skip? }'),
    ),
  fromConfig: (v) => v.map((r) => ({ ...r })),
});
