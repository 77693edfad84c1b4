/**
 * The zod schema of `WsroutesConfig`, strict at every level, built from the option table:
 * each config key with its value kind's schema, whose description ("a whole number of at
 * least 1") the error line quotes. Loaded only when a config (file, runner or Conductor
 * options) is validated: zod takes about 80 ms to import.
 */
import { z } from 'zod';
import { isSendableCloseCode } from './close-codes.js';
import { CONFIG_OPTIONS } from './option-table.js';

export { isSendableCloseCode };

export const configSchema = z
  .strictObject(Object.fromEntries(CONFIG_OPTIONS.map((d) => [d.config!, d.value.schema(z).optional()])))
  .describe('an object of wsroutes options');

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
