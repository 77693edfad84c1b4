/** JSON objects in server frames, for the protocols' answer rules and detectors. */

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text frame's JSON object; undefined for binary, non-JSON or non-object frames. */
export function jsonObjectFrame(data: string | Buffer): Record<string, unknown> | undefined {
  if (typeof data !== 'string') return undefined;
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return undefined;
  }
  return isJsonObject(m) ? m : undefined;
}
