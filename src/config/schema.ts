/**
 * The zod schema of `WsroutesConfig`, strict at every level. Each field carries a
 * description ("a whole number of at least 1") that the error line quotes. Loaded only
 * when a config file is read (zod takes about 80 ms to import).
 */
import { z } from 'zod';
import { isSendableCloseCode } from './close-codes.js';
import { parseCookie, parseHeader, parseQuery } from './handshake-grammar.js';
import { parseShard } from '../discovery/shard.js';
import { MAX_CLIENTS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS, MESSAGE_KINDS } from './options.js';
import type { WsroutesConfig } from './user-config.js';

export { isSendableCloseCode };

const isShardSpec = (v: string): boolean => {
  try {
    parseShard(v);
    return true;
  } catch {
    return false;
  }
};
const positiveInt = z.number().int().min(1).describe('a whole number of at least 1');
const seconds = z.number().positive().max(MAX_TIMEOUT_SECONDS).describe(`a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS} (a day)`);
const globs = z.array(z.string().min(1)).describe('a list of route globs, e.g. ["/ws/*"]');
const text = z.string().min(1).describe('a non-empty string');
const flag = z.boolean().describe('true or false');
const httpMethod = z
  .string()
  .regex(/^[A-Za-z]+$/)
  .describe('an HTTP method, e.g. "GET"');
const httpStatus = z.number().int().min(100).max(599).describe('an HTTP status from 100 to 599');

/** A `--header`/`--cookie`/`--query` string, checked by the same parser as the flag. */
const handshakeList = (parse: (spec: string) => unknown, shape: string) =>
  z
    .array(
      z
        .string()
        .refine((v) => {
          try {
            parse(v);
            return true;
          } catch {
            return false;
          }
        })
        .describe(shape),
    )
    .describe(`a list of "${shape}" strings ($VAR expanded)`);

const preludeMessage = z
  .union([z.string(), z.record(z.string(), z.json()), z.array(z.json())])
  .describe('a message: a string (JSON when it parses, else text), or a JSON object or array');

const routeOverride = z
  .strictObject({
    pattern: text.describe('a route glob'),
    maxExamples: positiveInt.optional(),
    skip: flag.optional(),
  })
  .describe('{ pattern, maxExamples?, skip? }');

const subprotocol = z
  .strictObject({
    route: text.describe('a route glob'),
    offer: z.array(text).min(1).describe('a non-empty list of subprotocol names'),
    required: flag.optional(),
  })
  .describe('{ route, offer, required? }');

export const configSchema = z
  .strictObject({
    app: text.optional(),
    url: text.optional(),
    python: text.optional(),
    appDir: text.optional(),
    enabled: flag.optional(),
    http: flag.optional(),
    openapi: text.optional(),
    methods: z.array(httpMethod).min(1).describe('a non-empty list of HTTP methods, e.g. ["GET", "POST"]').optional(),
    failOn5xx: flag.optional(),
    allowedStatusCodes: z.array(httpStatus).describe('a list of HTTP statuses, e.g. [200, 404]').optional(),
    validateResponses: flag.optional(),
    responseValidators: z.array(text).describe('a list of names').optional(),
    httpInclude: globs.optional(),
    httpExclude: globs.optional(),
    maxExamples: positiveInt.optional(),
    maxMessages: positiveInt.optional(),
    maxFailures: positiveInt.optional(),
    maxClients: z.number().int().min(1).max(MAX_CLIENTS).describe(`a whole number from 1 to ${MAX_CLIENTS}`).optional(),
    connectionTimeout: seconds.optional(),
    messageTimeout: seconds.optional(),
    maxMessageSize: positiveInt.optional(),
    testCloseCodes: z
      .array(z.number().int().refine(isSendableCloseCode).describe('a close code: 1000-1003, 1007-1014 or 3000-4999'))
      .min(1)
      .describe('a non-empty list of close codes, e.g. [1000, 1001]')
      .optional(),
    validateSubprotocols: flag.optional(),
    include: globs.optional(),
    exclude: globs.optional(),
    seed: z.number().int().min(0).max(0x7fffffff).describe('a whole number from 0 to 2147483647').optional(),
    auth: z
      .string()
      .regex(/^(bearer:.+|header:[^:]+:.+|query:[^:]+:.+)$/)
      .describe('bearer:TOKEN, header:NAME:VALUE or query:NAME:VALUE')
      .optional(),
    headers: handshakeList(parseHeader, 'NAME:VALUE').optional(),
    cookies: handshakeList(parseCookie, 'NAME=VALUE').optional(),
    query: handshakeList(parseQuery, 'NAME=VALUE').optional(),
    prelude: z.array(preludeMessage).describe('a list of messages sent first on every connection').optional(),
    messageKinds: z
      .array(z.enum(MESSAGE_KINDS as ['text', 'json', 'bytes']))
      .min(1)
      .describe('a non-empty list of message kinds: "text", "json", "bytes"')
      .optional(),
    verbose: flag.optional(),
    reportJson: text.optional(),
    html: text.optional(),
    junit: text.optional(),
    exportTests: text.optional(),
    shard: z
      .string()
      .regex(/^\s*\d+\s*\/\s*\d+\s*$/)
      .refine(isShardSpec)
      .describe('"I/N" with 1 <= I <= N, e.g. "1/3"')
      .optional(),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).describe(`a whole number from 1 to ${MAX_CONCURRENCY}`).optional(),
    subprotocols: z.array(subprotocol).optional(),
    graphql: globs.optional(),
    setup: z.array(text).describe('a list of module paths').optional(),
    routes: z.array(routeOverride).optional(),
  })
  .describe('an object of wsroutes options');

// The schema and the hand-written type must describe the same thing, both ways.
type Parsed = z.infer<typeof configSchema>;
const _sameShape: [Parsed extends WsroutesConfig ? true : false, WsroutesConfig extends Parsed ? true : false] = [true, true];
void _sameShape;

/** The keys allowed at `path` of a config (for "did you mean"): walks objects and arrays. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const step of path) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = (inner.shape as Record<string, z.ZodType>)[String(step)] ?? z.never();
    else if (inner instanceof z.ZodArray) schema = inner.element as z.ZodType;
    else return [];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** The description of the innermost described schema along `path`. */
export function describeAt(path: readonly PropertyKey[]): string | undefined {
  let schema: z.ZodType = configSchema;
  let found = schema.description;
  for (const step of path) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = (inner.shape as Record<string, z.ZodType>)[String(step)] ?? z.never();
    else if (inner instanceof z.ZodArray) schema = inner.element as z.ZodType;
    else break;
    found = schema.description ?? unwrap(schema).description ?? found;
  }
  return found;
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}
