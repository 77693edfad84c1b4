/**
 * An HTTP failure in the HTML report: the terminal block's facts (request, status,
 * traceback) as a definition list, and the curl and reproduce lines with copy buttons.
 * `t` is the page's escaping and redacting text function.
 */
import type { FailureResult, RouteResult } from '../run/results.js';
import { escapeUnprintable } from './printable.js';
import { uncaughtRow } from './html-facts.js';

export function httpFailureArticle(route: RouteResult, f: FailureResult, t: (s: string) => string, id: number): string {
  const r = f.request;
  const method = route.method ?? r?.method ?? 'GET';
  const request = [`${r?.method ?? method} ${r?.url ?? f.url}`, ...Object.entries(r?.headers ?? {}).map(([k, v]) => `${k}: ${v}`), '', r?.body ?? '(no body)'];
  const trace = f.serverTrace ? `<h4>Server traceback</h4><pre class="trace">${t(f.serverTrace.trimEnd())}</pre>` : '';
  const hint = f.hint ? `<p class="hint">Hint: ${t(f.hint)}</p>` : '';
  const curl = f.curl
    ? `<h4>curl</h4>\n<div class="reproduce"><pre id="curl-${id}" class="reproduce-line">${t(f.curl)}</pre><button type="button" class="copy" data-copy-from="curl-${id}">Copy</button></div>\n`
    : '';
  return `<article class="failure" data-error-type="${t(f.errorType)}">
<div class="banner">${t(`HTTP TEST FAILURE: ${method} ${route.path}`)}</div>
<dl>
<dt>Error Type</dt><dd class="error-type">${t(f.errorType)}</dd>
<dt>Message</dt><dd>${t(escapeUnprintable(f.message))}</dd>
<dt>Expected</dt><dd>${t(f.expected)}</dd>
<dt>Actual</dt><dd>${t(escapeUnprintable(f.actual))}</dd>
<dt>Status</dt><dd>${t(r?.status !== undefined ? String(r.status) : `none (${f.connectionState})`)}</dd>
<dt>Context</dt><dd>${t(`elapsed_time_ms: ${Math.round(f.context.elapsedTimeMs * 10) / 10} · shrink_steps: ${f.shrinks}`)}</dd>
<dt>Seed</dt><dd>${f.seed}</dd>
${uncaughtRow(f, t)}</dl>
<h4>Minimal request</h4><pre class="sequence">${t(escapeUnprintable(request.join('\n')))}</pre>
${trace}${hint}${curl}<h4>Reproduce</h4>
<div class="reproduce"><pre id="reproduce-${id}" class="reproduce-line">${t(f.reproduce)}</pre><button type="button" class="copy" data-copy-from="reproduce-${id}">Copy</button></div>
</article>`;
}
