/**
 * Paths an app's own source names, as candidates for routes its framework does not list
 * (an unknown framework, a server that routes upgrades itself, a raw ASGI callable):
 * string literals that read as a URL path (`'/ws'`, `"/graphql"`, `r"/chat"`), in
 * JavaScript, TypeScript or Python alike, each also with its trailing slash toggled
 * (`/graphql` and `/graphql/`: frameworks redirect or refuse one of them). A template
 * (`/ws/{room}`, `/ws/:room`, `/ws/<room>`) stays the route's template, and is probed with
 * its parameters filled by one plain value. Read with a regular expression over the text
 * rather than a parser: the sources are of two languages, and a literal that is not a
 * route costs one refused handshake, nothing more.
 */

/** At most this many candidates: each is one handshake. */
export const MAX_CANDIDATES = 200;

export interface CandidatePath {
  /** The route's template, in a syntax `paramsOf` reads (`{name}`, `:name`). */
  template: string;
  /** The path a probe connects to. */
  probe: string;
}

const QUOTED = /(?:^|[^\w$])(?:[rbuRBU]{0,2})(['"`])(\/[^'"`\s\\]{0,120})\1/g;
/** A path's characters, templates included. */
const PATHLIKE = /^\/(?:[\w\-.~%@!$&*+,;=:{}<>]+\/?)*$/;
/** Files by extension and page assets: never WebSocket routes. */
const ASSET = /\.(?:js|mjs|cjs|ts|css|map|html?|png|jpe?g|gif|svg|ico|woff2?|ttf|json|txt|xml|py|md)$/i;
/** `<conv:name>` (Werkzeug, Django) as `{name}`; `:name(regex)` as `:name`. */
const ANGLE = /<(?:[^>:/]*:)?([A-Za-z_]\w*)>/g;
const COLON_REGEX = /(:[A-Za-z_]\w*)\([^)]*\)/g;
/** A parameter of a template as `paramsOf` reads it. */
const PARAM = /\{[^}/]*\}|:[A-Za-z_]\w*\??/g;
/** What a probe puts in place of each parameter: a plain word every type but int and uuid takes. */
const PROBE_VALUE = 'probe';

/** The candidate paths of these source texts, in order of appearance, each once. */
export function candidatePaths(texts: readonly string[]): CandidatePath[] {
  const found = new Map<string, CandidatePath>();
  for (const text of texts) {
    for (const m of text.matchAll(QUOTED)) {
      const raw = m[2]!;
      if (!PATHLIKE.test(raw) || ASSET.test(raw) || raw.startsWith('//')) continue;
      const template = raw.replace(ANGLE, '{$1}').replace(COLON_REGEX, '$1');
      const toggled = template.endsWith('/') ? template.slice(0, -1) || '/' : `${template}/`;
      for (const t of [template, toggled]) {
        if (!found.has(t)) found.set(t, { template: t, probe: t.replace(PARAM, PROBE_VALUE) });
        if (found.size >= MAX_CANDIDATES) return [...found.values()];
      }
    }
  }
  return [...found.values()];
}
