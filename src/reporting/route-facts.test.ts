/**
 * What was found about a route (protocol, how it was found, events, acks, literals) and what
 * a failure's exception did to the server process (`uncaught`), in every report: the JSON
 * report's contract names, the failure block, the JUnit text, the HTML page and the
 * --verbose lines, from literal results.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FailureResult, RouteResult, RunResult } from '../run/results.js';
import { formatFailureBlock } from './failure-block.js';
import { crash, run } from './fixtures.test-data.js';
import { renderHtmlReport } from './html.js';
import { toJsonReport } from './json-report.js';
import { toJunitXml } from './junit.js';
import { routeFactsLine, routeFactsText } from './route-facts-text.js';

const chat: RouteResult = {
  path: '/chat',
  kind: 'websocket',
  protocol: 'socketio',
  events: ['chat message', 'join'],
  acks: ['join'],
  literals: { strings: ['lobby', 'quit'], numbers: [42], keys: ['room'] },
  discoveredBy: 'framework',
  status: 'failed',
  sequences: 10,
  messagesSent: 30,
  connections: 10,
  durationMs: 100,
  failures: [{ ...crash, uncaught: true }],
};
const graphql: RouteResult = {
  ...chat,
  path: '/graphql',
  protocol: 'graphql-transport-ws',
  events: undefined,
  acks: undefined,
  literals: undefined,
  failures: [],
};
const included: RouteResult = { ...graphql, path: '/raw', protocol: 'plain', discoveredBy: 'include', status: 'passed' };
const python: FailureResult = { ...crash, uncaught: false, serverTrace: 'Traceback (most recent call last):\nKeyError: room' };
const httpRoute: RouteResult = { ...run.routes[0]!, path: '/items', kind: 'http', method: 'GET' };
const facts: RunResult = { ...run, routes: [chat, graphql, included, httpRoute] };

describe('the JSON report', () => {
  const report = JSON.parse(JSON.stringify(toJsonReport(facts)));

  it("names each WebSocket route's protocol, events, acks, literals and discoveredBy, after path and kind", () => {
    const [sio, gql, raw, http] = report.routes;
    expect(Object.keys(sio).slice(0, 8)).toEqual(['path', 'kind', 'protocol', 'events', 'acks', 'literals', 'discoveredBy', 'status']);
    expect(sio).toMatchObject({ protocol: 'socketio', events: ['chat message', 'join'], acks: ['join'], discoveredBy: 'framework' });
    // Strings, then numbers, each as its JSON type; the keys the handler reads are not literals.
    expect(sio.literals).toEqual(['lobby', 'quit', 42]);
    expect(gql).toMatchObject({ protocol: 'graphql-transport-ws', discoveredBy: 'framework' });
    expect(gql).not.toHaveProperty('events');
    expect(gql).not.toHaveProperty('literals');
    expect(raw).toMatchObject({ protocol: 'plain', discoveredBy: 'include' });
    // HTTP routes speak no protocol on top of WebSocket.
    for (const field of ['protocol', 'events', 'acks', 'literals', 'discoveredBy']) expect(http).not.toHaveProperty(field);
  });

  it('marks a failure whose exception would end a Node process `uncaught: true`, one a Python server survived `uncaught: false`', () => {
    expect(report.routes[0].failures[0].uncaught).toBe(true);
    const py = JSON.parse(JSON.stringify(toJsonReport({ ...run, routes: [{ ...chat, failures: [python] }] })));
    expect(py.routes[0].failures[0].uncaught).toBe(false);
    // Unknown (no exception captured, or a Node trace nobody marked): no field.
    const unknown = JSON.parse(JSON.stringify(toJsonReport(run)));
    expect(unknown.routes[1].failures[0]).not.toHaveProperty('uncaught');
  });
});

describe('the failure block and JUnit', () => {
  it('say that an uncaught exception would end the server process', () => {
    const block = formatFailureBlock(chat, chat.failures[0]!, { color: false });
    expect(block).toMatch(/^Uncaught: yes: .*would end the server process/m);
    // Before the traceback it explains.
    expect(block.indexOf('Uncaught:')).toBeLessThan(block.indexOf('Server traceback:'));
    const junit = new XMLParser({ ignoreAttributes: false }).parse(toJunitXml(facts));
    const testcase = junit.testsuites.testsuite.testcase.find((c: { '@_name': string }) => c['@_name'] === 'websocket /chat');
    expect(testcase.failure['#text']).toContain('would end the server process');
  });

  it('say that a Python server survived the exception, and nothing when it is not known', () => {
    const survived = formatFailureBlock(chat, python, { color: false });
    expect(survived).toMatch(/^Uncaught: no: the server survived it \(an ASGI server ends only the connection whose handler raised/m);
    expect(survived).not.toContain('would end the server process');
    expect(formatFailureBlock(chat, crash, { color: false })).not.toContain('Uncaught');
  });

  it('HTTP failure blocks say it too', () => {
    const block = formatFailureBlock(httpRoute, { ...crash, uncaught: true, request: { method: 'GET', url: '/items', headers: {} } }, { color: false });
    expect(block).toContain('would end the server process');
  });
});

describe('the HTML report', () => {
  const html = renderHtmlReport(facts);
  const section = (path: string): string =>
    html.slice(html.indexOf(`<section class="route" id="route-${facts.routes.findIndex((r) => r.path === path)}"`)).split('</section>')[0]!;

  it("lists each route's protocol, how it was found, events, acks, literals and keys", () => {
    const sio = section('/chat');
    expect(sio).toContain('<dt>Protocol</dt><dd class="protocol">socketio</dd>');
    expect(sio).toContain('<dt>Discovered by</dt><dd class="discovered-by">framework</dd>');
    expect(sio).toContain('<dd class="events">chat message, join</dd>');
    expect(sio).toContain('<dd class="acks">join</dd>');
    expect(sio).toContain('<dd class="literals">&quot;lobby&quot;, &quot;quit&quot;, 42</dd>');
    expect(sio).toContain('<dd class="keys">room</dd>');
    expect(section('/raw')).toContain('<dd class="discovered-by">include</dd>');
    expect(section('/items')).not.toContain('class="facts"');
    expect(html).toContain('<td class="protocol">graphql-transport-ws</td>');
  });

  it('says what the exception did to the server process, escaped like every value', () => {
    expect(section('/chat')).toMatch(/<dd class="uncaught yes">yes: [^<]*would end the server process/);
    const py = renderHtmlReport({ ...run, routes: [{ ...chat, failures: [python] }] });
    expect(py).toMatch(/<dd class="uncaught no">no: the server survived it/);
    const hostile = renderHtmlReport({ ...run, routes: [{ ...chat, events: ['<img src=x>'] }] });
    expect(hostile).not.toContain('<img');
  });
});

describe('--verbose', () => {
  it('prints one line per WebSocket route: protocol (how found); events; acks; literals; keys', () => {
    expect(routeFactsLine(chat)).toBe('/chat: socketio (framework); events: chat message, join; acks: join; literals: "lobby", "quit", 42; keys: room');
    expect(routeFactsLine(included)).toBe('/raw: plain (include)');
    const text = routeFactsText(facts);
    expect(text.split('\n').filter(Boolean)).toHaveLength(4); // a heading and three WebSocket routes, no HTTP route
    expect(routeFactsLine({ ...included, protocol: undefined })).toBe('/raw: protocol not named (the route did not run) (include)');
  });

  it('escapes control characters an event name may carry', () => {
    expect(routeFactsLine({ ...chat, events: ['a\u001b[2Jb'] })).not.toContain('\u001b');
  });
});
