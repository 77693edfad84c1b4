/** A text frame's JSON object, for the protocols' answer rules; undefined for binary, non-JSON or non-object frames. */
export function jsonObjectFrame(data: string | Buffer): Record<string, unknown> | undefined {
  if (typeof data !== 'string') return undefined;
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return undefined;
  }
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
}
