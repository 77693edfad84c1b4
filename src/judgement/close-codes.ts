/**
 * Close-code classes of PRODUCT.md section 4, after RFC 6455 section 7.4.
 */

/** 1011, Falcon's 3011, and 3000/4000 + an HTTP 5xx status (Litestar, graphql-ws, Falcon). */
export function isInternalErrorCode(code: number): boolean {
  return code === 1011 || code === 3011 || (code >= 3500 && code <= 3599) || (code >= 4500 && code <= 4599);
}

// 1005: a close frame without a status code (RFC 6455 section 7.1.5), as `ws.close()` sends.
const DELIBERATE = new Set([1000, 1001, 1003, 1005, 1007, 1008, 1009, 1010]);

/**
 * Closes that say "not allowed": 1008 (policy violation) and the application codes
 * servers use for 401/403 (3000/3003 as registered with IANA, 4001/4003, 4401/4403).
 */
const REFUSAL = new Set([1008, 3000, 3003, 4001, 4003, 4401, 4403]);

export function isRefusalCode(code: number): boolean {
  return REFUSAL.has(code);
}

/** A close the server means: normal, going away, policy, too big, no status, or an application code. */
export function isDeliberateCode(code: number): boolean {
  return DELIBERATE.has(code) || (code >= 3000 && code <= 4999 && !isInternalErrorCode(code));
}

const NAMES: Record<number, string> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status',
  1006: 'abnormal closure, no close frame',
  1007: 'invalid payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
};

export function describeCode(code: number): string {
  const name = NAMES[code] ?? (isInternalErrorCode(code) ? 'internal error' : undefined);
  return name ? `${code} (${name})` : String(code);
}
