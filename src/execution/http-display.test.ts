import { describe, expect, test } from 'vitest';
import { handshakeInputs } from './auth.js';
import { curlLine, displayAuth, requestResult } from './http-display.js';

describe('a request as reports show it', () => {
  const env = { TOKEN: 's3cr3t-token', SID: 'cookie-value-1' };
  const options = { auth: 'bearer:$TOKEN', headers: ['X-Api-Key:literal-key-9'], cookies: ['sid=$SID'], query: ['tenant=acme-tenant'] };
  const real = handshakeInputs(options, env);
  const shown = displayAuth(real, options, env);
  const spec = {
    method: 'POST',
    path: '/items',
    query: [['q', "it's $HOME"]] as Array<[string, string]>,
    headers: { 'content-type': 'application/json' },
    body: '{"name":"$x"}',
  };

  test('secrets become their placeholders: $VAR when given as one, else <withheld>; a plain literal is shown', () => {
    const r = requestResult(spec, shown, 500);
    expect(r).toEqual({
      method: 'POST',
      url: "/items?q=it's%20%24HOME&tenant=acme-tenant",
      headers: { 'content-type': 'application/json', Authorization: 'Bearer $TOKEN', 'X-Api-Key': '<withheld>', Cookie: 'sid=$SID' },
      body: '{"name":"$x"}',
      status: 500,
    });
    expect(JSON.stringify(r)).not.toMatch(/s3cr3t|literal-key|cookie-value/);
  });

  test('the curl line expands $VARs in the shell and quotes everything generated', () => {
    const line = curlLine(spec, shown, 'ws://127.0.0.1:8000');
    expect(line).toBe(
      "curl -sS -i -X POST 'http://127.0.0.1:8000/items?q=it'\\''s%20%24HOME&tenant=acme-tenant' " +
        "-H 'content-type: application/json' -H 'Authorization: Bearer '\"$TOKEN\" -H 'X-Api-Key: ''<withheld>' -H 'Cookie: sid='\"$SID\" " +
        `--data-raw '{"name":"$x"}'`,
    );
    expect(line).not.toMatch(/s3cr3t|literal-key|cookie-value/);
  });
});
