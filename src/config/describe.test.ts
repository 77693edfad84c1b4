import { expect, test } from 'vitest';
import { describeOptions } from './describe.js';
import { resolveOptions } from './options.js';
import type { Provenance } from './resolve.js';
import { OPTION_KEYS } from './resolve.js';

test('--verbose shows each handshake input by its kind or name, read by the handshake grammar, never its value', () => {
  const options = resolveOptions({ auth: 'header:X-Key:k3y', headers: ['X-A : s3cret'], cookies: ['sid=c00kie'], query: ['token=t0ken'] });
  const provenance = Object.fromEntries(OPTION_KEYS.map((k) => [k, 'cli'])) as Provenance;
  const text = describeOptions(options, provenance).join('\n');
  expect(text).toMatch(/^ {2}auth +header:\*\*\* +\[cli\]$/m);
  expect(text).toContain('["X-A:***"]');
  expect(text).toContain('["sid=***"]');
  expect(text).toContain('["token=***"]');
  expect(text).not.toMatch(/k3y|s3cret|c00kie|t0ken/);
});
