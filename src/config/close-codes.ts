/** Close codes, apart from the zod schema so the CLI's flag parsing does not load zod. */

/** RFC 6455 section 7.4: codes an endpoint may send (1004-1006 and 1015 are reserved). */
export function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}
