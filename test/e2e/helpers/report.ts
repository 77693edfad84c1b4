/**
 * Reading a `--report-json` report in tests: the route by its template, its one failure,
 * and the failure block printed for it. The field names are PRODUCT.md's contract.
 */
import { expect } from 'vitest';

export interface ReportMessage {
  type: 'text' | 'json' | 'bytes';
  data: unknown;
}

export interface ReportFailure {
  errorType: string;
  message: string;
  messageIndex: number | null;
  sequence: ReportMessage[];
  url: string;
  closeCode?: number;
  closeReason?: string;
  serverTrace?: string;
  signature?: string;
  history?: { url: string; sequence: ReportMessage[] }[];
  script?: { client: number; action: string; url: string; message?: ReportMessage }[];
  flaky?: { tried: number; failed: number };
  alsoOn?: string[];
  seed: number;
  reproduce: string;
}

export interface ReportRoute {
  path: string;
  kind: string;
  status: 'passed' | 'failed' | 'skipped';
  skipReason?: string;
  sequences: number;
  messagesSent: number;
  connections: number;
  durationMs: number;
  failures: ReportFailure[];
  sharedFailures?: { signature: string; reportedOn: string }[];
}

export interface Report {
  tool: string;
  version: string;
  seed: number;
  durationMs: number;
  target: { kind: string; framework: string; spec: string };
  routes: ReportRoute[];
}

/** The route with that template; fails the test, listing the reported ones, when it is missing. */
export function routeOf(report: Report | undefined, path: string): ReportRoute {
  expect(report, 'the CLI wrote no --report-json file').toBeDefined();
  const route = report!.routes.find((r) => r.path === path);
  expect(route, `route ${path} is not in the report (reported: ${report!.routes.map((r) => r.path).join(', ')})`).toBeDefined();
  return route!;
}

/**
 * The failure of a failed route: its first, or the first that `which` picks (a route reports
 * every distinct failure, so a shallow crash may come beside the bug a test is about).
 */
export function failureOf(report: Report | undefined, path: string, which?: (f: ReportFailure) => boolean): ReportFailure {
  const route = routeOf(report, path);
  expect(route.status, `${path} status`).toBe('failed');
  expect(route.failures.length, `${path} failures`).toBeGreaterThan(0);
  if (!which) return route.failures[0]!;
  const found = route.failures.find(which);
  expect(found, `${path}: none of its failures is the one wanted: ${route.failures.map((f) => f.signature ?? f.errorType).join(', ')}`).toBeDefined();
  return found!;
}

/** The failure blocks printed on stdout, by route: the text from each banner to the next, a route's blocks joined. */
export function failureBlocks(stdout: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const parts = stdout.split(/^WEBSOCKET TEST FAILURE: /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const route = part.slice(0, newline).trim();
    blocks.set(route, (blocks.has(route) ? `${blocks.get(route)}\n` : '') + part.slice(newline + 1));
  }
  return blocks;
}

/** Length in characters (code points), as Python's `len` counts them. */
export function charLength(text: string): number {
  return [...text].length;
}
