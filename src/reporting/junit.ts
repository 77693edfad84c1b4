/**
 * The JUnit XML report of `--junit`, for CI servers (Jenkins, GitLab, GitHub test
 * reporters): one `<testsuite>` inside `<testsuites>`, one `<testcase>` per route named
 * as the runner integrations name their tests (`websocket /ws/chat`). A failed route
 * carries one `<failure>` whose text is every failure block of the route, uncoloured
 * (several `<failure>` elements in one testcase are dropped by most readers, which
 * take the first); a skipped route carries `<skipped message=reason>`.
 *
 * Written by hand (a small format, see DEPENDENCIES.md) with one escaping rule for
 * every value: XML 1.0 forbids most control characters even as character references,
 * and app traces may carry anything, so a character XML cannot hold is written as a
 * visible escape (`\x00`, `\uFFFE`, a lone surrogate as `\uD800`). Everything goes
 * through the run's redactor, as the JSON report does.
 */
import type { RouteResult, RunResult } from '../run/results.js';
import { formatFailureBlock } from './failure-block.js';
import type { Redact } from './redact.js';

/** The `classname` of every testcase (CI servers group by it). */
export const JUNIT_CLASSNAME = 'wsroutes';

/**
 * Characters XML 1.0 cannot hold (section 2.2 `Char`): C0 controls but tab, LF and
 * CR, lone surrogates, U+FFFE and U+FFFF. The `u` flag makes a surrogate pair one
 * character, so only lone halves match.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Surrogate}/gu;

function visible(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text content: `&`, `<`, `>` escaped; characters XML cannot hold made visible. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (double-quoted): as text, plus quotes, and tab/LF/CR kept as references (a parser would normalise them to spaces). */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/** The testcase name of a route: `websocket /ws/chat`, `http GET /items/{id}`. */
export function testcaseName(route: RouteResult & { method?: string }): string {
  return route.kind === 'http' && route.method ? `http ${route.method} ${route.path}` : `${route.kind} ${route.path}`;
}

function testcase(route: RouteResult, redact: Redact): string {
  const open = `    <testcase name="${xmlAttr(redact(testcaseName(route)))}" classname="${JUNIT_CLASSNAME}" time="${seconds(route.durationMs)}"`;
  if (route.status === 'skipped') {
    return `${open}>\n      <skipped message="${xmlAttr(redact(route.skipReason ?? 'skipped'))}"/>\n    </testcase>`;
  }
  if (route.status !== 'failed') return `${open}/>`;
  if (route.failures.length === 0) {
    // Only a framework-level failure, reported once on another route.
    const shared = (route.sharedFailures ?? []).map((s) => `${s.signature}, reported on ${s.reportedOn}`).join('; ') || 'failed';
    return `${open}>
      <failure type="shared_failure" message="${xmlAttr(redact(`the same framework failure as another route: ${shared}`))}"/>
    </testcase>`;
  }
  const [first] = route.failures;
  const more = route.failures.length - 1;
  const message = `${first!.message}${more ? ` (and ${more} more failure${more === 1 ? '' : 's'})` : ''}`;
  const blocks = route.failures.map((f) => formatFailureBlock(route, f, { color: false })).join('\n\n');
  return (
    `${open}>\n      <failure type="${xmlAttr(first!.errorType)}" message="${xmlAttr(redact(message))}">` +
    `${xmlText(redact(blocks))}</failure>\n    </testcase>`
  );
}

/** The whole document. */
export function toJunitXml(run: RunResult, redact: Redact = (s) => s, now: Date = new Date()): string {
  const count = (status: RouteResult['status']): number => run.routes.filter((r) => r.status === status).length;
  const attrs =
    `name="${JUNIT_CLASSNAME}" tests="${run.routes.length}" failures="${count('failed')}" errors="0" ` +
    `skipped="${count('skipped')}" time="${seconds(run.durationMs)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs}>`,
    `  <testsuite ${attrs} timestamp="${now.toISOString().slice(0, 19)}">`,
    '    <properties>',
    `      <property name="seed" value="${run.seed}"/>`,
    `      <property name="target" value="${xmlAttr(redact(`${run.target.kind} ${run.target.framework} ${run.target.spec}`))}"/>`,
    `      <property name="version" value="${xmlAttr(run.version)}"/>`,
    '    </properties>',
    ...run.routes.map((r) => testcase(r, redact)),
  ];
  // Errors the app raised outside any connection: not a route's failure, but kept for whoever reads the report.
  if (run.orphanTraces.length) lines.push(`    <system-err>${xmlText(redact(run.orphanTraces.join('\n\n')))}</system-err>`);
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
