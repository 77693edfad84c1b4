/**
 * validate_subprotocols against test/apps/node/protocols-subprotocol-app.ts, through
 * the library entry: a server that answers a subprotocol it was not offered, or none
 * when a rule requires one, is a subprotocol_violation; correct negotiation passes,
 * with configured and with generated offers.
 */
import { describe, expect, test } from 'vitest';
import { resolveOptions, runWsroutes } from '../../src/index.js';
import type { Options, RouteResult } from '../../src/index.js';

async function run(extra: Partial<Options>): Promise<Map<string, RouteResult>> {
  const result = await runWsroutes(resolveOptions({ app: 'test/apps/node/protocols-subprotocol-app.ts', maxExamples: 20, maxMessages: 2, seed: 2, ...extra }));
  return new Map(result.routes.map((r) => [r.path, r]));
}

const RULES = [
  { route: '/ws/ignores', offer: ['chat.v2'], required: true },
  { route: '/ws/neg*', offer: ['json', 'chat'], required: true },
];

describe('subprotocols', () => {
  test('with rules: an unoffered selection and an ignored required protocol are violations; negotiation passes', async () => {
    const routes = await run({ validateSubprotocols: true, subprotocols: RULES });
    expect(routes.get('/ws/negotiates')?.status).toBe('passed');
    expect(routes.get('/ws/fixed')?.failures[0]).toMatchObject({
      errorType: 'subprotocol_violation',
      message: 'Server selected subprotocol "v2.legacy", which the client did not offer (offered: none)',
      messageIndex: null,
      sequence: [{ type: 'text', data: '' }],
    });
    expect(routes.get('/ws/ignores')?.failures[0]).toMatchObject({
      errorType: 'subprotocol_violation',
      message: 'Server selected no subprotocol, though one of chat.v2 is required',
      messageIndex: null,
      sequence: [{ type: 'text', data: '' }],
    });
  });

  test('generated offers: selecting none is allowed, an unoffered one is not', async () => {
    const routes = await run({ validateSubprotocols: true, maxExamples: 30 });
    expect(routes.get('/ws/negotiates')?.status).toBe('passed');
    expect(routes.get('/ws/ignores')?.status).toBe('passed');
    expect(routes.get('/ws/fixed')?.failures[0]?.errorType).toBe('subprotocol_violation');
  });

  test('a rule applies by itself, without validate_subprotocols: its offer is made and its required checked', async () => {
    const routes = await run({ subprotocols: RULES });
    expect(routes.get('/ws/ignores')?.failures[0]?.errorType).toBe('subprotocol_violation');
    expect(routes.get('/ws/negotiates')?.status).toBe('passed');
  });
});
