/**
 * The one e2e suite each Python framework runs: a single CLI run against its app in
 * test/apps/python (every route of the app in that run), then one test per fact. The
 * apps share their buggy routes (/bug/json, /bug/binary, /bug/long, /bug/handshake,
 * /bug/chat), each failing one way; what differs per framework is its correct routes
 * and the names in its tracebacks, which the caller gives.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliResult } from './run-cli.js';
import { runCli } from './run-cli.js';
import type { Report } from './report.js';
import { charLength, failureBlocks, failureOf, routeOf } from './report.js';

export const PYTHON_APPS = 'test/apps/python';

export interface PythonAppCase {
  framework: string;
  /** The `--app` value, e.g. `litestar_app:app`. */
  spec: string;
  seed: number;
  /** Correct routes, as the bridge reports them (`{name:type}` placeholders): each must pass. */
  passing: string[];
  /** Text each buggy route's serverTrace must contain (the Python exception, and the like). */
  traces: {
    json: string[];
    binary: string[];
    /** For the 9-character text the shrinker must end with. */
    long: string[];
    handshake: string[];
    chat: string[];
  };
  maxExamples?: number;
}

export const BUGS = ['/bug/json', '/bug/binary', '/bug/long', '/bug/handshake', '/bug/chat'] as const;

export function pythonAppSuite(c: PythonAppCase): void {
  describe(`${c.framework} app (${c.spec})`, () => {
    let run: CliResult;
    let report: Report;

    beforeAll(async () => {
      run = await runCli(['--app', c.spec, '--app-dir', PYTHON_APPS, '--seed', String(c.seed), '--max-examples', String(c.maxExamples ?? 50)]);
      report = run.report as Report;
    });

    test('exits 1 (a route failed) and reports the Python target', () => {
      expect(run.code, run.stderr).toBe(1);
      expect(report.tool).toBe('wsroutes');
      expect(report.seed).toBe(c.seed);
      expect(report.target).toEqual({ kind: 'python', framework: c.framework, spec: c.spec });
    });

    test('discovers exactly the app WebSocket routes, as {name:type} templates', () => {
      const paths = report.routes.map((r) => r.path);
      expect([...paths].sort()).toEqual([...c.passing, ...BUGS].sort());
      for (const r of report.routes) expect(r.kind).toBe('websocket');
    });

    test.each(c.passing)('%s passes', (path) => {
      const route = routeOf(report, path);
      expect(route.failures).toEqual([]);
      expect(route.status).toBe('passed');
      expect(route.sequences).toBe(c.maxExamples ?? 50);
      expect(route.connections).toBeGreaterThan(0);
      expect(route.messagesSent).toBeGreaterThan(0);
    });

    // A route reports every distinct failure: each test picks the one it is about by its trace.
    const about = (texts: string[]) => (f: { serverTrace?: string }) => texts.every((t) => (f.serverTrace ?? '').includes(t));

    test('/bug/json: non-JSON text crashes it; shrunk to one empty text', () => {
      const f = failureOf(report, '/bug/json', about(c.traces.json));
      expect(f.errorType).toBe('server_error');
      expect(f.messageIndex).toBe(0);
      expect(f.sequence).toEqual([{ type: 'text', data: '' }]);
      for (const t of c.traces.json) expect(f.serverTrace).toContain(t);
    });

    test('/bug/binary: a binary frame crashes the text-only handler; shrunk to one empty binary message', () => {
      const f = failureOf(report, '/bug/binary', about(c.traces.binary));
      expect(f.errorType).toBe('server_error');
      expect(f.messageIndex).toBe(0);
      expect(f.sequence).toEqual([{ type: 'bytes', data: '' }]);
      for (const t of c.traces.binary) expect(f.serverTrace).toContain(t);
    });

    test('/bug/long: a text longer than 8 characters crashes it; shrunk to one text of exactly 9', () => {
      const f = failureOf(report, '/bug/long', about(c.traces.long));
      expect(f.errorType).toBe('server_error');
      expect(f.messageIndex).toBe(0);
      expect(f.sequence).toHaveLength(1);
      expect(f.sequence[0]!.type).toBe('text');
      expect(typeof f.sequence[0]!.data).toBe('string');
      expect(charLength(f.sequence[0]!.data as string)).toBe(9);
      for (const t of c.traces.long) expect(f.serverTrace).toContain(t);
    });

    test('/bug/handshake: the app raises before accept; a server_error with its traceback, at no message', () => {
      const f = failureOf(report, '/bug/handshake', about(c.traces.handshake));
      expect(f.errorType).toBe('server_error');
      expect(f.messageIndex).toBeNull();
      for (const t of c.traces.handshake) expect(f.serverTrace).toContain(t);
    });

    test('/bug/chat: a client left in the room makes the next broadcast raise', () => {
      const f = failureOf(report, '/bug/chat', about(['client.send_text(message)', ...c.traces.chat]));
      expect(f.errorType).toBe('server_error');
      // It needs a client that left before: an earlier connection (history), or a second client of a script.
      expect(Boolean(f.history?.length) || Boolean(f.script?.length), JSON.stringify(f)).toBe(true);
      if (f.history) {
        expect(f.messageIndex).toBe(0);
        expect(f.sequence).toHaveLength(1);
        // Earlier clients of the room (the search for the fewest is bounded: not always one).
        for (const h of f.history) expect(h.url).toBe('/bug/chat');
      }
      expect(f.serverTrace).toContain('client.send_text(message)'); // the broadcast, not the read
      for (const t of c.traces.chat) expect(f.serverTrace).toContain(t);
    });

    test('each failure replays with its seed and names its route', () => {
      for (const path of BUGS) {
        const f = failureOf(report, path);
        expect(f.seed).toEqual(expect.any(Number));
        expect(f.reproduce).toContain(`--app ${c.spec}`);
        expect(f.reproduce).toContain(`--ws-include ${path}`);
        expect(f.reproduce).toContain(`--seed ${f.seed}`);
      }
    });

    test('stdout has one failure block per buggy route, each with the server traceback', () => {
      const blocks = failureBlocks(run.stdout);
      expect([...blocks.keys()].sort()).toEqual([...BUGS].sort());
      for (const path of BUGS) {
        const block = blocks.get(path)!;
        expect(block).toContain('Error Type: server_error');
        expect(block).toContain('Server traceback:');
        expect(block).toContain('Traceback (most recent call last):');
      }
      expect(blocks.get('/bug/json')).toContain(c.traces.json[0]);
      expect(blocks.get('/bug/handshake')).toContain(c.traces.handshake[0]);
      expect(run.stdout).toMatch(new RegExp(`${c.passing.length} passed, ${BUGS.length} failed, 0 skipped`));
    });
  });
}
