/**
 * What was found about each route, in the reports of real runs (issue 21): the JSON report's
 * `protocol`, `events`, `acks`, `literals` and `discoveredBy`, the HTML report's facts list
 * and the --verbose line per route. Three real apps: a Socket.IO chat (two namespaces, named
 * by the framework, with events and acks), graphql-ws on `ws` (GraphQL found on the wire), and
 * a `ws` chat dispatching on literals (plain).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Report, type ReportRoute, routeOf } from './helpers/report.js';
import { type CliResult, runCli } from './helpers/run-cli.js';

interface FactsRoute extends ReportRoute {
  protocol?: string;
  events?: string[];
  acks?: string[];
  literals?: (string | number)[];
  discoveredBy?: string;
}

const facts = (run: CliResult, path: string): FactsRoute => routeOf(run.report as Report, path) as FactsRoute;

/** The HTML report's section of one route (its paths here carry no character HTML escapes). */
function section(html: string, path: string): string {
  const from = html.search(new RegExp(`<section class="route" id="route-\\d+" data-route="${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">`));
  expect(from, `no section for ${path}`).toBeGreaterThan(-1);
  return html.slice(from, html.indexOf('</section>', from));
}

const dir = mkdtempSync(join(tmpdir(), 'wsroutes-report-protocols-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Socket.IO: namespaces with their events and acks, named by the framework', () => {
  let run: CliResult;
  let html: string;
  beforeAll(async () => {
    const file = join(dir, 'socketio.html');
    run = await runCli(['--app', 'test/apps/node/socketio-chat.ts', '--seed', '3', '--max-examples', '20', '--verbose', '--html', file]);
    html = readFileSync(file, 'utf8');
  });

  test('the JSON report', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(facts(run, '/')).toMatchObject({ protocol: 'socketio', events: ['chat message', 'join'], acks: ['join'], discoveredBy: 'framework' });
    expect(facts(run, '/chat')).toMatchObject({ protocol: 'socketio', events: ['chat message'], acks: ['chat message'], discoveredBy: 'framework' });
    // In the contract's place: after path and kind, before status.
    expect(Object.keys(facts(run, '/chat')).slice(0, 7)).toEqual(['path', 'kind', 'protocol', 'events', 'acks', 'discoveredBy', 'status']);
  });

  test('the HTML report', () => {
    const chat = section(html, '/chat');
    expect(chat).toContain('<dd class="protocol">socketio</dd>');
    expect(chat).toContain('<dd class="discovered-by">framework</dd>');
    expect(chat).toContain('<dd class="events">chat message</dd>');
    expect(chat).toContain('<dd class="acks">chat message</dd>');
    expect(section(html, '/')).toContain('<dd class="events">chat message, join</dd>');
  });

  test('--verbose: one line per route', () => {
    expect(run.stderr).toContain('  /: socketio (framework); events: chat message, join; acks: join\n');
    expect(run.stderr).toContain('  /chat: socketio (framework); events: chat message; acks: chat message\n');
  });
});

describe('GraphQL over WebSocket: found on the wire', () => {
  let run: CliResult;
  let html: string;
  beforeAll(async () => {
    const file = join(dir, 'graphql.html');
    run = await runCli([
      '--app',
      'test/apps/node/graphql-app.ts',
      '--seed',
      '2',
      '--max-examples',
      '15',
      '--ws-max-messages',
      '5',
      '--verbose',
      '--html',
      file,
    ]);
    html = readFileSync(file, 'utf8');
  });

  test('the JSON report, the HTML report and --verbose name the subprotocol the server selected', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const path of ['/graphql', '/graphql-ok']) expect(facts(run, path)).toMatchObject({ protocol: 'graphql-transport-ws', discoveredBy: 'framework' });
    // It speaks only its own subprotocol: none of ours, so it is plain (and skipped).
    expect(facts(run, '/graphql-acme')).toMatchObject({ protocol: 'plain', status: 'skipped' });
    expect(facts(run, '/graphql-ok')).not.toHaveProperty('events');
    expect(section(html, '/graphql-ok')).toContain('<dd class="protocol">graphql-transport-ws</dd>');
    expect(html).toContain('<td class="protocol">graphql-transport-ws</td>');
    expect(run.stderr).toMatch(/^ {2}\/graphql-ok: graphql-transport-ws \(framework\)/m);
  });
});

describe('plain WebSocket: the literals its handler dispatches on', () => {
  let run: CliResult;
  let html: string;
  beforeAll(async () => {
    const file = join(dir, 'plain.html');
    run = await runCli(['--app', 'test/apps/node/literals-ws-app.ts', '--seed', '7', '--max-examples', '30', '--verbose', '--html', file]);
    html = readFileSync(file, 'utf8');
  });

  test('the JSON report lists the string and number literals; the keys the handler reads are in the HTML and --verbose', () => {
    expect(run.code, run.stderr).toBe(1);
    const chat = facts(run, '/chat');
    expect(chat).toMatchObject({ protocol: 'plain', discoveredBy: 'framework', literals: ['join', 'leave', 'say', 'ping'] });
    expect(chat).not.toHaveProperty('events');
    expect(chat).not.toHaveProperty('acks');
    const page = section(html, '/chat');
    expect(page).toContain('<dd class="literals">&quot;join&quot;, &quot;leave&quot;, &quot;say&quot;, &quot;ping&quot;</dd>');
    expect(page).toContain('<dd class="keys">type, room, text</dd>');
    expect(run.stderr).toContain('  /chat: plain (framework); literals: "join", "leave", "say", "ping"; keys: type, room, text\n');
  });
});
