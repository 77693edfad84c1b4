import { describe, expect, test } from 'vitest';
import type { Verdict } from './failure.js';
import { sameFailureKey, signatureOf } from './signature.js';

const verdict = (v: Partial<Verdict>): Verdict => ({ errorType: 'server_error', message: '', messageIndex: 0, expected: '', actual: '', ...v });

const PY_APP = `Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/starlette/routing.py", line 70, in app
    await func(session)
  File "/srv/app.py", line 42, in calc
    total += int(text)
ValueError: invalid literal for int() with base 10: 'x'`;

const PY_FRAMEWORK = `Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/litestar/routes/websocket.py", line 83, in handle
    await self.route_handler.fn(**parsed_kwargs)
  File "/venv/lib/python3.11/site-packages/litestar/serialization/msgspec_hooks.py", line 220, in decode_json
    raise SerializationException(str(msgspec_error)) from msgspec_error
litestar.exceptions.base_exceptions.SerializationException: Input data was truncated`;

describe('signatureOf', () => {
  test('a trace: error type, exception type and the innermost app frame', () => {
    expect(signatureOf(verdict({ serverTrace: PY_APP }))).toEqual({ signature: 'server_error:ValueError:app.py:42', framework: false });
  });

  test('a trace with no app frame is framework-level', () => {
    expect(signatureOf(verdict({ serverTrace: PY_FRAMEWORK }))).toEqual({
      signature: 'server_error:litestar.exceptions.base_exceptions.SerializationException:msgspec_hooks.py:220',
      framework: true,
    });
  });

  test('without a trace: the close code, or the phase of a timeout', () => {
    expect(signatureOf(verdict({ closeCode: 1011 })).signature).toBe('server_error:close 1011');
    expect(signatureOf(verdict({ closeCode: 1006 })).signature).toBe('server_error:dropped');
    expect(signatureOf(verdict({ errorType: 'timeout', messageIndex: 3 })).signature).toBe('timeout:messages');
    expect(signatureOf(verdict({ errorType: 'handshake_rejected', messageIndex: null })).signature).toBe('handshake_rejected:connection');
  });

  test('two bugs of one route have different keys; the same bug on another message the same key', () => {
    const other = PY_APP.replace('line 42', 'line 40').replace('ValueError: invalid literal', 'KeyError: ');
    expect(sameFailureKey(verdict({ serverTrace: PY_APP }))).not.toBe(sameFailureKey(verdict({ serverTrace: other })));
    expect(sameFailureKey(verdict({ serverTrace: PY_APP, messageIndex: 0 }))).toBe(
      sameFailureKey(verdict({ serverTrace: PY_APP.replace("'x'", "'y'"), messageIndex: 4 })),
    );
  });
});
