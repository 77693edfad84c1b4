import { describe, expect, test } from 'vitest';
import type { FailureResult, RouteResult } from './results.js';
import { mergeSharedFailures } from './shared-failures.js';

const FRAMEWORK_TRACE = `Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/quart/asgi.py", line 197, in handle_messages
    message = event.get("bytes") or event["text"]
KeyError: 'text'`;
const APP_TRACE = `Traceback (most recent call last):
  File "/srv/app.py", line 12, in shout
    raise ValueError("too long")
ValueError: too long`;

const failure = (signature: string, serverTrace: string): FailureResult =>
  ({ signature, serverTrace, errorType: 'server_error', message: signature }) as FailureResult;
const route = (path: string, failures: FailureResult[]): RouteResult =>
  ({ path, kind: 'websocket', status: 'failed', failures, sequences: 1, messagesSent: 1, connections: 1, durationMs: 1 }) as RouteResult;

describe('mergeSharedFailures', () => {
  test('a framework-level signature on three routes is reported once, with alsoOn; app bugs stay', () => {
    const sig = 'server_error:KeyError:asgi.py:197';
    const merged = mergeSharedFailures([
      route('/ws/a', [failure(sig, FRAMEWORK_TRACE)]),
      route('/ws/b', [failure(sig, FRAMEWORK_TRACE), failure('server_error:ValueError:app.py:12', APP_TRACE)]),
      route('/ws/c', [failure(sig, FRAMEWORK_TRACE)]),
    ]);
    expect(merged[0]!.failures.map((f) => [f.signature, f.alsoOn])).toEqual([[sig, ['/ws/b', '/ws/c']]]);
    expect(merged[1]!.failures.map((f) => f.signature)).toEqual(['server_error:ValueError:app.py:12']);
    expect(merged[1]!.sharedFailures).toEqual([{ signature: sig, reportedOn: '/ws/a' }]);
    expect(merged[2]!.failures).toEqual([]);
    expect(merged[2]!.status).toBe('failed');
    expect(merged[2]!.sharedFailures).toEqual([{ signature: sig, reportedOn: '/ws/a' }]);
  });

  test("the same app-code signature on two routes is each route's own finding", () => {
    const sig = 'server_error:ValueError:app.py:12';
    const merged = mergeSharedFailures([route('/ws/a', [failure(sig, APP_TRACE)]), route('/ws/b', [failure(sig, APP_TRACE)])]);
    expect(merged.map((r) => r.failures.length)).toEqual([1, 1]);
    expect(merged[0]!.failures[0]!.alsoOn).toBeUndefined();
  });
});
