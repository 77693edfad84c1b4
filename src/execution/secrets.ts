/**
 * Which handshake values are secrets (reporting/redact.ts replaces them with `***`):
 * every `$VAR` value on its own, every value of `--auth` and `--cookie` and of a
 * credential-named `--header` or `--query` (`isSecretInput`), the parts of a credential
 * (the token after `Bearer `, decoded Basic credentials) and the password of `--url`.
 * A value given literally under a name that says nothing of credentials is not one: it
 * is printed (the reproduce line must run as printed), and scrubbing it would turn every
 * occurrence of a common word in the output into `***`. A Basic credential's user name is
 * a secret only by the default rule (`isSecretByDefault`): it is often a plain word.
 */

export const MIN_SECRET_LENGTH = 4;

/** Names that say the value is a credential (Authorization, X-Api-Key, session, access_token...). */
const CREDENTIAL_NAME = /auth|token|secret|pass|pwd|key|session|sess|sid|cookie|credential|signature|sig$|jwt|bearer|otp|csrf|xsrf|login|cert/i;

/** Values too common to be a secret given literally (they occur in any output). */
const COMMON_WORDS = new Set(
  (
    'json text bytes binary true false null none yes no on off all any auto default en de fr es utf8 utf-8 ascii html xml ' +
    'plain gzip debug info warn warning error test tests dev prod production development staging local localhost demo ' +
    'admin user guest public private read write chat room main home http https ws wss api v1 v2 v3'
  ).split(' '),
);

/** Credential schemes whose second word is the credential itself (RFC 9110 section 11.4). */
const SCHEME = /^(bearer|token|basic|jwt|apikey|api-key|bot|mac|digest|dpop|negotiate)\s+(\S.*)$/i;

export const isCredentialName = (name: string): boolean => CREDENTIAL_NAME.test(name);

/**
 * Whether a handshake input's literal value is a secret, withheld from every output: any
 * `--auth` and `--cookie` value, and a `--header` or `--query` value under a name that says
 * credential. Any other literal value (an `Origin`, `EIO=4`, a tenant) is printed as given,
 * so the reproduce line runs as printed. A `$VAR`'s value is a secret wherever it is used.
 */
export function isSecretInput(flag: '--auth' | '--cookie' | '--header' | '--query', name: string): boolean {
  return flag === '--auth' || flag === '--cookie' || isCredentialName(name);
}

/** Whether a value given literally under a plain name is a secret. */
export function isSecretByDefault(value: string): boolean {
  // A short number (a page, a port, a version) is everywhere; a long one may be an account or a PIN.
  const shortNumber = value.length <= 6 && /^[+-]?\d+(\.\d+)?$/.test(value);
  return value.length >= MIN_SECRET_LENGTH && !COMMON_WORDS.has(value.toLowerCase()) && !shortNumber;
}

/** The parts of a credential an app may echo on their own: `Bearer T` gives T; `Basic B64` gives B64, `user:pass`, pass and user. */
export function credentialParts(value: string): string[] {
  const m = SCHEME.exec(value.trim());
  if (!m) return [];
  const [, scheme, rest] = m as unknown as [string, string, string];
  const parts = [rest];
  if (scheme.toLowerCase() === 'basic' && /^[A-Za-z0-9+/]+={0,2}$/.test(rest)) {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0 && !decoded.includes('\uFFFD')) {
      parts.push(decoded, decoded.slice(i + 1));
      // A user name is often a plain word ("admin"): a secret only by the default rule.
      if (isSecretByDefault(decoded.slice(0, i))) parts.push(decoded.slice(0, i));
    }
  }
  return parts;
}

/** The password of a URL's user information, as given and decoded (the user name is not a secret). */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  if (!u.password) return [];
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return [u.password, decode(u.password)];
}
