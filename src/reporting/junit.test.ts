import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import type { FailureResult, RunResult } from '../run/results.js';
import { formatFailureBlock } from './failure-block.js';
import { crash, rejected, run } from './fixtures.test-data.js';
import { toJunitXml, xmlAttr, xmlText } from './junit.js';
import { redactor } from './redact.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => ['testcase', 'property'].includes(name),
});

/** What a CI server reads: the document parsed back. */
function parse(xml: string): any {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

/** Expat (Python's XML parser) is strict about XML 1.0's characters, as Java's parsers in Jenkins are. */
function expatAccepts(xml: string): string {
  const r = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.buffer.read()); print("ok")'], {
    input: Buffer.from(xml, 'utf8'),
  });
  return r.stdout.toString().trim() || r.stderr.toString();
}

const ALL_BAD = `${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}\uD800 \uDFFF \uFFFE \uFFFF \u{1F600} & < > " ' ]]>`;

describe('toJunitXml', () => {
  test('one testsuite with the counts, one testcase per route named as the runner integrations name tests', () => {
    const doc = parse(toJunitXml(run));
    const suites = doc.testsuites;
    expect(suites).toMatchObject({ tests: '4', failures: '2', errors: '0', skipped: '1', time: '4.210' });
    const suite = suites.testsuite;
    expect(suite).toMatchObject({ name: 'wsroutes', tests: '4', failures: '2', errors: '0', skipped: '1', time: '4.210' });
    expect(suite.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(suite.testcase.map((c: any) => [c.name, c.classname, c.time])).toEqual([
      ['websocket /ws/echo', 'wsroutes', '0.900'],
      ['websocket /ws/chat/:room', 'wsroutes', '1.200'],
      ['websocket /ws/private', 'wsroutes', '0.005'],
      ['websocket /ws/needs-protocol', 'wsroutes', '0.020'],
    ]);
    expect(suite.properties.property).toContainEqual({ name: 'seed', value: '54321' });
  });

  test('a failure carries its type, message and the whole uncoloured failure block', () => {
    const [, chat, priv] = parse(toJunitXml(run)).testsuites.testsuite.testcase;
    expect(chat.failure.type).toBe('server_error');
    expect(chat.failure.message).toBe(crash.message);
    expect(chat.failure['#text']).toBe(formatFailureBlock(run.routes[1]!, crash, { color: false }));
    expect(chat.failure['#text']).toContain('Server traceback:');
    expect(chat.failure['#text']).not.toMatch(/\u001b\[/);
    expect(priv.failure.type).toBe('handshake_rejected');
    expect(priv.failure['#text']).toContain('Reproduce: npx wsroutes');
  });

  test('a skipped route carries <skipped message=reason>, a passed one nothing', () => {
    const [echo, , , skipped] = parse(toJunitXml(run)).testsuites.testsuite.testcase;
    expect(skipped.skipped.message).toBe(run.routes[3]!.skipReason);
    expect(echo.failure).toBeUndefined();
    expect(echo.skipped).toBeUndefined();
  });

  test('every failure of a route is in its one <failure> (readers take the first element only)', () => {
    const second: FailureResult = { ...crash, errorType: 'timeout', message: 'Server stopped answering', serverTrace: undefined };
    const two: RunResult = { ...run, routes: [{ ...run.routes[1]!, failures: [crash, second] }] };
    const [c] = parse(toJunitXml(two)).testsuites.testsuite.testcase;
    expect(c.failure.type).toBe('server_error');
    expect(c.failure.message).toBe(`${crash.message} (and 1 more failure)`);
    expect(c.failure['#text']).toContain('Error Type: server_error');
    expect(c.failure['#text']).toContain('Error Type: timeout');
    expect(c.failure['#text'].match(/WEBSOCKET TEST FAILURE/g)).toHaveLength(2);
  });

  test('any character in a trace, message or route yields well-formed XML 1.0 that keeps it visible', () => {
    const nasty: FailureResult = { ...crash, message: `bad ${ALL_BAD}`, serverTrace: `Error: ${ALL_BAD}\n    at app.ts:1:1` };
    const weird: RunResult = {
      ...run,
      orphanTraces: [`orphan ${ALL_BAD}`],
      routes: [
        { ...run.routes[1]!, path: `/ws/"quoted"&<odd>`, failures: [nasty] },
        { ...run.routes[3]!, skipReason: `closed ${ALL_BAD}` },
      ],
    };
    const xml = toJunitXml(weird);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Surrogate}/u);
    expect(expatAccepts(xml)).toBe('ok');
    const [c, s] = parse(xml).testsuites.testsuite.testcase;
    expect(c.name).toBe('websocket /ws/"quoted"&<odd>');
    expect(c.failure.message).toContain('bad \\x00\\x01');
    expect(c.failure.message).toContain('\\uD800 \\uDFFF \\uFFFE \\uFFFF \u{1F600} & < > " \' ]]>');
    expect(c.failure['#text']).toContain('Error: \\x00\\x01');
    expect(s.skipped.message).toContain('\\x1f');
  });

  test("the run's secrets are redacted everywhere", () => {
    const leaky: RunResult = {
      ...run,
      routes: [
        { ...run.routes[1]!, failures: [{ ...crash, message: 'token s3cr3t-token leaked', serverTrace: 'Error: s3cr3t-token' }] },
        { ...run.routes[3]!, skipReason: 'saw s3cr3t-token' },
      ],
      orphanTraces: ['at start: s3cr3t-token'],
    };
    const xml = toJunitXml(leaky, redactor(['s3cr3t-token']));
    expect(xml).not.toContain('s3cr3t-token');
    expect(xml).toContain('token *** leaked');
  });

  test('a run without routes (an empty shard) is still a valid document', () => {
    const doc = parse(toJunitXml({ ...run, routes: [] }));
    expect(doc.testsuites.testsuite).toMatchObject({ tests: '0', failures: '0', skipped: '0' });
  });
});

describe('xml escapes', () => {
  test('text and attributes', () => {
    expect(xmlText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(xmlText('\u0000\u001b\t\n')).toBe('\\x00\\x1b\t\n');
    expect(xmlAttr('"x"\n\'y\'\t\r')).toBe('&quot;x&quot;&#10;&apos;y&apos;&#9;&#13;');
    expect(xmlText('\u{1F600}\uD83D')).toBe('\u{1F600}\\uD83D');
  });

  test('attribute line breaks survive a parse (not normalised to spaces)', () => {
    const failure: FailureResult = { ...rejected, message: 'line one\nline two' };
    const [c] = parse(toJunitXml({ ...run, routes: [{ ...run.routes[2]!, failures: [failure] }] })).testsuites.testsuite.testcase;
    expect(c.failure.message).toBe('line one\nline two');
  });
});
