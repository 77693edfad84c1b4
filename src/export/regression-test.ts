/**
 * `--export-tests DIR`: every failure as a node:test file the user keeps as a regression
 * test. The file starts the same target with the Conductor (`import { Conductor } from
 * 'wsroutes'`: it imports only wsroutes and node built-ins), opens the failing URL with
 * the run's handshake inputs, sends the `--ws-prelude` messages (each waiting for an
 * answer, as the run did), then the shrunk sequence, and asserts what a fixed server
 * does: it accepts the handshake, raises nothing on the connection, closes (if it does)
 * with a deliberate code, and answers our close. The found failure breaks one of those
 * (a handshake_rejected/handshake_error the first; a server_error with a trace the
 * second, with 1011/45xx/1006 the third; a timeout the fourth), so the test fails
 * while the bug is there and passes once it is fixed.
 *
 * No secret is written: each handshake value given as `$VAR` stays that reference, read
 * from process.env when the test runs; a secret given literally becomes a `$WSROUTES_*`
 * variable the test names. The whole file also passes through the run's redactor.
 */
import { resolve } from 'node:path';
import type { Options } from '../config/options.js';
import { isVarOnly, parseCookie, parseHeader, parseQuery, splitAuth } from '../config/handshake-grammar.js';
import { isSecretInput } from '../execution/secrets.js';
import { GRAPHQL_PROTOCOLS, owesReply } from '../generation/graphql.js';
import type { Message } from '../generation/message.js';
import { isDeliberateCode } from '../judgement/close-codes.js';
import type { FailureResult, RouteResult } from '../run/results.js';
import { resolvePython } from '../targets/python/resolve-python.js';
import { isNodeSpec, isPythonSpec, mapNodeSpecFile } from '../config/app-spec.js';
import { VERSION } from '../version.js';

/** How the exported test starts the target: `Conductor.start(...)`'s options, paths absolute. */
export interface ExportTarget {
  app?: string;
  appDir?: string;
  python?: string;
  url?: string;
}

/** One handshake value: where it goes, its name, and its value as a `$VAR` template. */
export interface HandshakeValue {
  kind: 'header' | 'cookie' | 'query';
  name: string;
  template: string;
}

/** What every exported test of a run shares. */
export interface ExportContext {
  target: ExportTarget;
  handshake: HandshakeValue[];
  /** Environment variables the user must set for values given literally (not as `$VAR`). */
  literalVars: string[];
  messageTimeoutMs: number;
  connectionTimeoutMs: number;
}

const envName = (...parts: string[]): string =>
  ['WSROUTES', ...parts]
    .join('_')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_');

export function exportContext(o: Options): ExportContext {
  const cwd = o.cwd ?? process.cwd();
  const target: ExportTarget = {};
  if (o.app && isNodeSpec(o.app)) {
    target.app = mapNodeSpecFile(o.app, (file) => resolve(cwd, file));
  } else if (o.app) {
    target.app = o.app;
    if (isPythonSpec(o.app)) {
      const python = resolvePython({ python: o.python, cwd });
      // A bare name ("python3") is looked up on PATH when the test runs, as the run looked it up.
      target.python = /[\\/]/.test(python.command) ? resolve(cwd, python.command) : python.command;
      target.appDir = resolve(cwd, o.appDir ?? '.');
    }
  }
  if (o.url) target.url = o.url;
  const handshake: HandshakeValue[] = [];
  const literalVars: string[] = [];
  /**
   * `$VAR` templates are kept, and so is a value that is no secret (a plain `--header` or
   * `--query` name: execution/secrets.ts), as the reproduce line prints it; a secret given
   * literally is replaced by a variable named after it.
   */
  const template = (value: string, ...name: string[]): string => {
    const [flag, input] = name;
    const plain = (flag === 'header' || flag === 'query') && input !== undefined && !isSecretInput(`--${flag}`, input);
    if (isVarOnly(value) || plain) return value;
    const v = envName(...name);
    literalVars.push(v);
    return `$${v}`;
  };
  if (o.auth) {
    const a = splitAuth(o.auth);
    if (a.kind === 'bearer') handshake.push({ kind: 'header', name: 'Authorization', template: `Bearer ${template(a.value, 'auth')}` });
    else handshake.push({ kind: a.kind, name: a.name!, template: template(a.value, 'auth', a.name!) });
  }
  for (const h of o.headers ?? []) {
    const { name, value } = parseHeader(h);
    handshake.push({ kind: 'header', name, template: template(value, 'header', name) });
  }
  for (const c of o.cookies ?? []) {
    const { name, value } = parseCookie(c);
    handshake.push({ kind: 'cookie', name, template: template(value, 'cookie', name) });
  }
  for (const q of o.query ?? []) {
    const { name, value } = parseQuery(q);
    handshake.push({ kind: 'query', name, template: template(value, 'query', name) });
  }
  return { target, handshake, literalVars: [...new Set(literalVars)], messageTimeoutMs: o.messageTimeoutMs, connectionTimeoutMs: o.connectionTimeoutMs };
}

/** A file name part from a route template: `/ws/chat/{room_id:str}` -> `ws-chat-room_id-str`. */
export function routeSlug(path: string): string {
  const slug = path
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
  return slug || 'root';
}

/**
 * A frame as the test sends it: JSON goes out as its text, exactly as the run sent it. A
 * GraphQL connection_init waits for its answer (connection_ack), as the run waited.
 */
function frame(m: Message): string {
  if (m.type === 'bytes') return `{ binary: ${JSON.stringify(Buffer.from(m.data).toString('base64'))} }`;
  const text = m.type === 'json' ? JSON.stringify(m.data) : m.data;
  return `{ ${m.type === 'json' ? 'json' : 'text'}: ${JSON.stringify(text)}${owesReply(m) ? ', awaitReply: true' : ''} }`;
}

const list = (messages: readonly Message[]): string => (messages.length ? `[\n${messages.map((m) => `  ${frame(m)},`).join('\n')}\n]` : '[]');

/** GraphQL over WebSocket (a sequence opening with connection_init): both protocols offered, the server picks its own. */
function subprotocolsOf(failure: FailureResult): readonly string[] {
  const first = failure.sequence[0];
  return first && owesReply(first) ? GRAPHQL_PROTOCOLS : [];
}

/** A `//` comment block of `text` (line breaks and anything odd kept harmless). */
const comment = (text: string): string =>
  text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((l) => `// ${l}`.trimEnd())
    .join('\n');

/** The close codes a fixed server may close with: deliberate ones (PRODUCT.md section 4). */
function deliberateCodes(): string {
  const codes = [1000, 1001, 1003, 1005, 1007, 1008, 1009, 1010].filter(isDeliberateCode);
  return `new Set([${codes.join(', ')}])`;
}

/** The file's text. */
export function regressionTest(route: RouteResult, failure: FailureResult, ctx: ExportContext): string {
  const name = `websocket ${route.path}: ${failure.errorType} no longer happens`;
  const env = ctx.literalVars.length
    ? `\n// Set ${ctx.literalVars.map((v) => `$${v}`).join(', ')} to the value${ctx.literalVars.length === 1 ? '' : 's'} the run was given literally.`
    : '';
  return `// Regression test exported by wsroutes ${VERSION} (--export-tests) from a failure of
${comment(`websocket ${route.path}: it replays the minimal failing sequence through the Conductor and`)}
// fails while the bug is there; once the server is fixed it passes. Run it with \`node --test\`.
//
${comment(`${failure.errorType}: ${failure.message}`)}
${comment(`Found with: ${failure.reproduce}`)}${env}
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Conductor } from 'wsroutes';

const TARGET = ${JSON.stringify(ctx.target)};
const URL_PATH = ${JSON.stringify(failure.url)};
/** Handshake values: \`$VAR\` is read from the environment when the test runs, never stored here. */
const HANDSHAKE = ${JSON.stringify(ctx.handshake.map((h) => [h.kind, h.name, h.template]))};
/** --ws-prelude: sent first, each waiting for an answer. */
const PRELUDE = ${list(failure.prelude ?? [])};
/** The minimal failing sequence (${failure.sequence.length} message${failure.sequence.length === 1 ? '' : 's'}; failed at index ${failure.messageIndex ?? 'none'}). */
const SEQUENCE = ${list(failure.sequence)};
/** Subprotocols offered with the handshake. */
const SUBPROTOCOLS = ${JSON.stringify(subprotocolsOf(failure))};
const MESSAGE_TIMEOUT_MS = ${ctx.messageTimeoutMs};
const CONNECT_TIMEOUT_MS = ${ctx.connectionTimeoutMs};
/** How long the server gets to act on the sequence (close, raise) before we close. */
const SETTLE_MS = ${Math.min(1000, ctx.messageTimeoutMs)};
/** Closes a server means (normal, going away, policy, ...; 3000-4999 but the internal-error codes). */
const DELIBERATE = ${deliberateCodes()};
const deliberate = (code) => DELIBERATE.has(code) || (code >= 3000 && code <= 4999 && code !== 3011 && !(code >= 3500 && code <= 3599) && !(code >= 4500 && code <= 4599));

function expand(template) {
  return template.replace(/\\$\\{(\\w+)\\}|\\$(\\w+)/g, (_m, a, b) => {
    const name = a ?? b;
    const value = process.env[name];
    if (value === undefined) throw new Error(\`set $\${name} in the environment: the handshake needs it\`);
    return value;
  });
}

function handshake(baseUrl) {
  const headers = {};
  const cookies = [];
  const query = {};
  for (const [kind, name, template] of HANDSHAKE) {
    const value = expand(template);
    if (kind === 'cookie') cookies.push(\`\${name}=\${value}\`);
    else if (kind === 'query') query[name] = value;
    else headers[name] = headers[name] === undefined ? value : \`\${headers[name]}, \${value}\`;
  }
  if (cookies.length) headers.Cookie = cookies.join('; ');
  // The target's own Origin, as the run sent it (origin checks refuse a handshake without one).
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'origin')) headers.Origin = baseUrl.replace(/^ws/, 'http');
  return { headers, query };
}

async function send(client, frame) {
  if (frame.binary !== undefined) await client.sendData(Buffer.from(frame.binary, 'base64'));
  else await client.sendText(frame.json ?? frame.text);
}

test(${JSON.stringify(name)}, async () => {
  const conductor = await Conductor.start(TARGET);
  try {
    const inputs = handshake(conductor.baseUrl);
    let client;
    try {
      client = await conductor.simulateWs(URL_PATH, { ...inputs, subprotocols: SUBPROTOCOLS, handshakeTimeout: CONNECT_TIMEOUT_MS, receiveTimeout: MESSAGE_TIMEOUT_MS });
    } catch (err) {
      assert.fail(\`the server did not accept the connection to \${URL_PATH}: \${err.message}\`);
    }
    for (const message of PRELUDE) {
      await send(client, message);
      // An answer, a close or silence: the login step is done either way.
      await client.receiveMedia().catch(() => {});
    }
    for (const message of SEQUENCE) {
      if (client.closed) break;
      await send(client, message).catch(() => {});
      if (message.awaitReply) await client.receiveMedia().catch(() => {});
    }
    await Promise.race([client.whenClosed, delay(SETTLE_MS)]);
    const serverClosed = client.closed;
    if (!serverClosed) await client.close(1000);
    const traces = await client.serverTraces();
    assert.deepEqual(traces, [], \`the server raised while handling the sequence:\\n\${traces.join('\\n')}\`);
    if (serverClosed) {
      assert.ok(deliberate(client.closeCode), \`the server closed the connection with \${client.closeCode}\${client.closeReason ? \` (\${client.closeReason})\` : ''}, not a deliberate close\`);
    } else {
      assert.notEqual(client.closeCode, 1006, 'the server did not answer our close handshake: it stopped answering');
    }
  } finally {
    await conductor.stop();
  }
});
`;
}
