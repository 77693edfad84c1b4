/**
 * Why a route was not tested, in words a user can act on: what the server's close said
 * (code, reason, after how many of our messages, whether it answered), and the option
 * that would have let wsroutes in: credentials (`--auth`, `--header`, `--cookie`,
 * `--query`), a login message (`--ws-prelude`) or a subprotocol (a `subprotocols` rule
 * in the config). The close code and reason choose the hint; without a clue, all of them.
 */
import { describeCode } from './close-codes.js';

/** The close that refused every connection (`exploration.lastUntested`). */
export interface UntestedClose {
  closeCode: number;
  closeReason: string;
  /** How many of our messages the server had read when it closed, set by judge() only when it sent nothing back (a refusal). */
  afterReading?: number;
}

/** What else the connection showed, and what the user already gave. */
export interface SkipContext {
  /** The subprotocols the connection offered (Transcript.offeredSubprotocols). */
  offeredSubprotocols?: string[];
  /** The subprotocol the server selected (Transcript.handshake.subprotocol): '' for none. */
  selectedSubprotocol?: string;
  /** Frames the server sent before closing (Transcript.received.count). */
  received?: number;
  /** The run sends --ws-prelude messages. */
  prelude?: boolean;
  /** The run sends credentials (--auth, --header, --cookie, --query). */
  credentials?: boolean;
}

type Need = 'subprotocol' | 'cookie' | 'auth' | 'prelude';

const SUBPROTOCOL_CODES = new Set([1002, 4406]);
const AUTH_CODES = new Set([1008, 3000, 3003, 4001, 4003, 4401, 4403]);

const SUBPROTOCOL_WORDS = /sub-?protocol|sec-websocket-protocol/i;
const COOKIE_WORDS = /cookie|session/i;
const AUTH_WORDS = /auth|token|login|log in|sign.?in|credential|unauthori[sz]ed|forbidden|permission|denied|api.?key|jwt|password/i;

const CREDENTIALS = '--auth bearer:TOKEN (or header:NAME:VALUE, query:NAME:VALUE), --header, --cookie or --query';
const HINTS: Record<Need, string> = {
  subprotocol:
    'a subprotocol: add a `subprotocols` rule to the config ({ route, offer: ["NAME"], required }), which is offered on every connection of the route',
  cookie: 'a session cookie: --cookie NAME=VALUE',
  auth: `credentials: ${CREDENTIALS}`,
  prelude: 'a login message first: --ws-prelude MESSAGE',
};

export function skipReasonFor(close: UntestedClose, ctx: SkipContext = {}): string {
  const read = close.afterReading ?? 0;
  // judge() sets afterReading only for a server that sent nothing back.
  const received = ctx.received ?? (close.afterReading !== undefined ? 0 : undefined);
  const what =
    `every connection was closed with ${close.closeReason ? `${close.closeCode} (${close.closeReason})` : describeCode(close.closeCode)}` +
    (read ? ` after reading ${read} message${read === 1 ? '' : 's'}` : ' before any message was read') +
    (received === undefined ? '' : received === 0 ? ', with no answer' : `, after sending ${received} message${received === 1 ? '' : 's'}`);
  const needs = needsFor(close, ctx);
  const hints = needs.map((n) => HINTS[n]);
  const given = [
    ctx.credentials && (needs.includes('auth') || needs.includes('cookie')) ? 'the credentials given' : '',
    ctx.prelude && needs.includes('prelude') ? 'the --ws-prelude messages' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const lead = needs.length === 1 ? 'the route may require ' : 'the route may require one of: ';
  return `${what}; ${lead}${hints.join('; ')}${given ? ` (${given} did not get through)` : ''}`;
}

/**
 * Whether a close reads as a refusal (a code or reason of credentials, a cookie, a
 * subprotocol): a route that closes so is not tested, whenever it closes. Any other
 * deliberate close (1000, 1005, ...) may be a route that read our message and was done
 * (run/kinds/websocket.ts tells which with an idle connection).
 */
export function readsAsRefusal(close: UntestedClose): boolean {
  const { closeCode: code, closeReason: reason } = close;
  return AUTH_CODES.has(code) || SUBPROTOCOL_CODES.has(code) || SUBPROTOCOL_WORDS.test(reason) || COOKIE_WORDS.test(reason) || AUTH_WORDS.test(reason);
}

/** The options worth naming, most likely first. */
function needsFor(close: UntestedClose, ctx: SkipContext): Need[] {
  const reason = close.closeReason;
  const code = close.closeCode;
  const noneSelected = !ctx.selectedSubprotocol;
  if (SUBPROTOCOL_WORDS.test(reason)) return ['subprotocol'];
  if (COOKIE_WORDS.test(reason)) return ['cookie'];
  // A login step: the server read our first message, then refused us.
  const afterFirst = (close.afterReading ?? 0) > 0;
  if (AUTH_WORDS.test(reason)) return afterFirst ? ['prelude', 'auth'] : ['auth', 'prelude'];
  if (noneSelected && SUBPROTOCOL_CODES.has(code)) return ['subprotocol'];
  if (AUTH_CODES.has(code)) {
    if (afterFirst) return ['prelude', 'auth'];
    return code === 1008 && noneSelected ? ['auth', 'cookie', 'subprotocol'] : ['auth', 'cookie'];
  }
  if (afterFirst) return ['prelude', 'auth', 'cookie'];
  return noneSelected ? ['auth', 'cookie', 'prelude', 'subprotocol'] : ['auth', 'cookie', 'prelude'];
}

const CREDENTIALS_HINT =
  'if the route needs credentials, pass them with --auth bearer:TOKEN (or header:NAME:VALUE, query:NAME:VALUE), --header NAME:VALUE, --cookie NAME=VALUE or --query NAME=VALUE';

/**
 * The hint of a refused upgrade, by what the status says happened: no such route (404, 405,
 * 410: the path or the --ws-include glob is wrong), credentials (401), credentials or the
 * Origin (403: origin checks against cross-site WebSocket hijacking answer it too; wsroutes
 * sends the target's own), a subprotocol or a header the server wants (400, 426), else
 * credentials.
 */
export function handshakeRejectedHint(status: number | undefined): string {
  if (status === 404 || status === 405 || status === 410) {
    return `the server has no WebSocket route at this URL (HTTP ${status}): check the path, its parameters and --ws-include`;
  }
  if (status === 403) {
    return `the server refused the upgrade (HTTP 403): it may check the Origin (wsroutes sends the target's own; give another with --header Origin:URL); ${CREDENTIALS_HINT}`;
  }
  if (status === 400 || status === 426) {
    return `the server refused the upgrade as malformed (HTTP ${status}): it may want a subprotocol (a \`subprotocols\` rule in the config) or a header (--header NAME:VALUE); ${CREDENTIALS_HINT}`;
  }
  return `the server refused the upgrade; ${CREDENTIALS_HINT}`;
}
