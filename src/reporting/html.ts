/**
 * The self-contained HTML report of `--html` (`--routes-report`): one file a user opens
 * from a CI artifact or a mail, with no network access at all: inline CSS, inline SVG
 * charts, and one inline script only for the copy buttons. A Content-Security-Policy
 * forbids every fetch, so a report can never call out even if a value slipped through.
 * Every string from the run is redacted, then HTML-escaped (html-escape.ts).
 */
import { httpFailureArticle } from './http-failure-html.js';
import type { Message } from '../generation/message.js';
import type { FailureResult, RouteResult, RunResult, ScriptStepResult } from '../run/results.js';
import { LATENCY_BUCKETS_MS } from '../run/results.js';
import { barChart, histogram } from './html-charts.js';
import { escapeHtml } from './html-escape.js';
import { routeFactsList, uncaughtRow } from './html-facts.js';
import { escapeUnprintable, printableValue } from './printable.js';
import type { Redact } from './redact.js';
import { countRoutes, thousands } from './summary.js';

const STATUS_COLOR = { passed: '#2e8540', failed: '#c62828', skipped: '#b26a00' } as const;
const KIND_COLOR = { text: '#3b6fd4', json: '#7b52c7', bytes: '#00838f' } as const;

const CSS = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f6f7f9}
body{margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:1.5rem;margin:0 0 4px}h4{font-size:.9rem;margin:10px 0 2px}h2{font-size:1.2rem;margin:28px 0 10px}h3{font-size:1rem;margin:0 0 8px}
.meta{color:#555;margin:0 0 16px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #dde1e6;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
.status{font-weight:600;text-transform:uppercase;font-size:.8rem}
.status.passed{color:${STATUS_COLOR.passed}}.status.failed{color:${STATUS_COLOR.failed}}.status.skipped{color:${STATUS_COLOR.skipped}}
.route{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:14px 16px;margin:14px 0}
.charts{display:flex;flex-wrap:wrap;gap:18px}
figure.chart{margin:0}figcaption{font-size:.85rem;font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#333}svg text.small{font-size:10px}
.empty{color:#777;font-size:.85rem;margin:4px 0}
.failure{border:2px solid ${STATUS_COLOR.failed};border-radius:6px;background:#fff;margin:16px 0;padding:0 16px 12px}
.banner{background:${STATUS_COLOR.failed};color:#fff;margin:0 -16px 12px;padding:8px 16px;font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0 0 10px}dt{font-weight:600}dd{margin:0}
pre{background:#f3f4f6;border:1px solid #e1e4e8;border-radius:4px;padding:8px 10px;overflow:auto;white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;margin:4px 0 10px}
.reproduce{display:flex;gap:8px;align-items:flex-start}.reproduce pre{flex:1;margin:0}
button.copy{font:inherit;font-size:.85rem;padding:6px 12px;border:1px solid #888;border-radius:4px;background:#fff;cursor:pointer}
.hint{color:#7a4b00}
dl.facts{font-size:.85rem;margin:0 0 8px}
.uncaught.yes{color:#c62828;font-weight:600}
`;

/** Copies the text of the element a button names; clipboard API first, a selection copy where it is missing. */
const SCRIPT = `
document.querySelectorAll('button.copy').forEach(function (button) {
  button.addEventListener('click', function () {
    var source = document.getElementById(button.getAttribute('data-copy-from'));
    var text = source ? source.textContent : '';
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { button.textContent = 'Copy failed'; });
    } else {
      var range = document.createRange(); range.selectNodeContents(source);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      if (document.execCommand('copy')) done();
    }
  });
});
`;

/** The page for `run`; `redact` scrubs the run's secrets from every string before it is escaped. */
export function renderHtmlReport(run: RunResult, redact: Redact = (s) => s): string {
  const t = (text: string): string => escapeHtml(redact(text));
  const { passed, failed, skipped } = countRoutes(run);
  let failureId = 0;
  const routeSections = run.routes.map((route, i) => routeSection(route, i, t, () => failureId++));
  const title = `wsroutes report: ${run.target.spec}`;
  const orphans = run.orphanTraces.length
    ? `<h2>Server errors not tied to any connection</h2>${run.orphanTraces.map((trace) => `<pre>${t(trace)}</pre>`).join('')}`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>wsroutes report</h1>
<p class="meta" id="meta">${t(`${run.target.framework} app ${run.target.spec} (${run.target.kind}) · seed ${run.seed} · ${seconds(run.durationMs)} · wsroutes ${run.version}`)}</p>
<p class="meta" id="totals"><span class="status passed">${passed} passed</span> · <span class="status failed">${failed} failed</span> · <span class="status skipped">${skipped} skipped</span></p>
<h2>Summary</h2>
${summaryTable(run, t)}
${
  run.routes.length > 1
    ? `<div class="charts">${barChart(
        'Sequences per route',
        run.routes.map((r) => ({ label: r.path, value: r.sequences, color: STATUS_COLOR[r.status] })),
      )}</div>`
    : ''
}
<h2>Routes</h2>
${routeSections.join('\n')}
${orphans}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Writes the page, creating the parent folder when needed. */

type Text = (text: string) => string;

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A latency bucket's bound: `50`, or `2s` from a second on. */
function ms(bound: number): string {
  return bound < 1000 ? String(bound) : `${bound / 1000}s`;
}

function anchor(i: number): string {
  return `route-${i}`;
}

function summaryTable(run: RunResult, t: Text): string {
  const rows = run.routes.map((r, i) => {
    const name = r.kind === 'http' ? `${r.method ?? ''} ${r.path} (http)`.trimStart() : r.path;
    const reason = r.skipReason ? `<br><small>${t(r.skipReason)}</small>` : '';
    return (
      `<tr data-route="${t(r.path)}"><td><a href="#${anchor(i)}">${t(name)}</a>${reason}</td>` +
      `<td><span class="status ${r.status}">${r.status}</span></td>` +
      `<td class="num">${thousands(r.sequences)}</td><td class="num">${thousands(r.messagesSent)}</td>` +
      `<td class="num">${thousands(r.connections)}</td><td class="num">${thousands(r.failures.length)}</td>` +
      `<td class="num">${seconds(r.durationMs)}</td><td class="protocol">${t(r.protocol ?? '')}</td></tr>`
    );
  });
  return (
    '<table id="summary"><thead><tr><th>Route</th><th>Status</th><th>Sequences</th><th>Messages</th>' +
    `<th>Connections</th><th>Failures</th><th>Duration</th><th>Protocol</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

function routeSection(route: RouteResult, i: number, t: Text, nextFailureId: () => number): string {
  const stats = route.stats;
  const charts = [
    barChart('Sequences', [
      { label: 'sequences', value: route.sequences },
      { label: 'connections', value: route.connections },
      { label: 'failures', value: route.failures.length, color: STATUS_COLOR.failed },
    ]),
  ];
  if (stats) {
    charts.push(
      barChart(
        'Message kinds sent',
        (['text', 'json', 'bytes'] as const).map((k) => ({ label: k, value: stats.kinds[k], color: KIND_COLOR[k] })),
      ),
      barChart(
        'Close codes seen (server side)',
        Object.entries(stats.closeCodes)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([code, n]) => ({ label: code === '1006' ? '1006 (no close frame)' : code, value: n })),
        'no close from the server',
      ),
      histogram(
        'Reply latency (ms)',
        stats.latencyCounts.map((n, b) => ({
          label: b < LATENCY_BUCKETS_MS.length ? `<${ms(LATENCY_BUCKETS_MS[b]!)}` : `≥${ms(LATENCY_BUCKETS_MS.at(-1)!)}`,
          value: n,
        })),
        'no replies received',
      ),
    );
  }
  const failures = route.failures.map((f) => failureBlock(route, f, t, nextFailureId()));
  const skip = route.skipReason ? `<p class="hint">Skipped: ${t(route.skipReason)}</p>` : '';
  return (
    `<section class="route" id="${anchor(i)}" data-route="${t(route.path)}">` +
    `<h3>${t(route.kind === 'http' ? `${route.method ?? ''} ${route.path}`.trimStart() : route.path)} <span class="status ${route.status}">${route.status}</span></h3>${skip}${routeFactsList(route, t)}` +
    `<div class="charts">${charts.join('')}</div>${failures.join('')}</section>`
  );
}

function messagesText(messages: Message[], prefix: string, markAt: number | null): string {
  if (!messages.length) return '(none)';
  return messages
    .map((m, i) => `[${prefix}${i}] Sent (${m.type}):${i === markAt && messages.length > 1 ? '  <- failed here' : ''}\n    ${printableValue(m)}`)
    .join('\n');
}

/** A multi-client script, one step a line: `[2] client 1 send (json): {...}`. */
function scriptText(steps: ScriptStepResult[]): string {
  return steps
    .map((step, i) => {
      const what =
        step.action === 'connect'
          ? `connect ${step.url}`
          : step.action === 'close'
            ? `close${step.code === undefined ? '' : ` ${step.code}`}`
            : step.message
              ? `send (${step.message.type}): ${printableValue(step.message)}`
              : 'send';
      return `[${i}] client ${step.client} ${what}`;
    })
    .join('\n');
}

function failedAt(f: FailureResult): string {
  if (f.messageIndex !== null) return String(f.messageIndex);
  return f.errorType === 'handshake_rejected' || f.errorType === 'handshake_error' || f.connectionState.startsWith('never opened') ? '(handshake)' : '(close)';
}

function failureBlock(route: RouteResult, f: FailureResult, t: Text, id: number): string {
  if (route.kind === 'http') return httpFailureArticle(route, f, t, id);
  const close = f.closeCode === undefined ? 'None' : `${f.closeCode}${f.closeReason ? ` (${escapeUnprintable(f.closeReason)})` : ''}`;
  const last = f.context.lastResponse === null ? 'None' : f.context.lastResponse === '' ? '""' : escapeUnprintable(f.context.lastResponse);
  const n = f.sequence.length;
  const prelude = f.prelude?.length
    ? `<h4>Prelude (${f.prelude.length} sent first on every connection, not shrunk)</h4><pre class="prelude">${t(messagesText(f.prelude, 'p', null))}</pre>`
    : '';
  const script = f.script?.length
    ? `<h4>Minimal script (${f.script.length} steps, several clients)</h4><pre class="script">${t(scriptText(f.script))}</pre>`
    : '';
  const trace = f.serverTrace ? `<h4>Server traceback</h4><pre class="trace">${t(f.serverTrace.trimEnd())}</pre>` : '';
  const hint = f.hint ? `<p class="hint">Hint: ${t(f.hint)}</p>` : '';
  const stopped = f.shrinkTimedOut ? ' (stopped at the time limit; the sequence may not be minimal)' : '';
  return `<article class="failure" data-error-type="${t(f.errorType)}">
<div class="banner">${t(`WEBSOCKET TEST FAILURE: ${route.path}`)}</div>
<dl>
<dt>Error Type</dt><dd class="error-type">${t(f.errorType)}</dd>
<dt>Message</dt><dd>${t(escapeUnprintable(f.message))}</dd>
<dt>Failed at message index</dt><dd>${t(failedAt(f))}</dd>
<dt>Expected</dt><dd>${t(f.expected)}</dd>
<dt>Actual</dt><dd>${t(f.actual)}</dd>
<dt>Connection State</dt><dd>${t(f.connectionState)}</dd>
<dt>Close Code</dt><dd>${t(close)}</dd>
<dt>URL</dt><dd>${t(f.url)}</dd>
<dt>Context</dt><dd>${t(`total_messages_sent: ${f.context.totalMessagesSent} · last_response: ${last} · elapsed_time_ms: ${Math.round(f.context.elapsedTimeMs * 10) / 10} · shrink_steps: ${f.shrinks}${stopped}`)}</dd>
<dt>Seed</dt><dd>${f.seed}</dd>
${uncaughtRow(f, t)}</dl>
${prelude}<h4>Minimal sequence (${n} ${n === 1 ? 'message' : 'messages'})</h4><pre class="sequence">${t(messagesText(f.sequence, '', f.messageIndex))}</pre>
${script}${trace}${hint}<h4>Reproduce</h4>
<div class="reproduce"><pre id="reproduce-${id}" class="reproduce-line">${t(f.reproduce)}</pre><button type="button" class="copy" data-copy-from="reproduce-${id}">Copy</button></div>
</article>`;
}
