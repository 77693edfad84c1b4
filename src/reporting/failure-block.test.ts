import { describe, expect, it } from 'vitest';
import { formatFailureBlock } from './failure-block.js';
import { crash, rejected, run } from './fixtures.test-data.js';

const chat = run.routes[1]!;
const priv = run.routes[2]!;

/** Asserts each part occurs, in this order. */
function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

describe('formatFailureBlock', () => {
  const block = formatFailureBlock(chat, crash, { color: false });

  it('has the seed report parts in order, ending with the replay', () => {
    const rule = '='.repeat(60);
    expectInOrder(block, [
      rule,
      'WEBSOCKET TEST FAILURE: /ws/chat/:room',
      rule,
      'Error Type: server_error',
      'Message: Server raised TypeError while handling message 1',
      'Failed at message index: 1',
      'Minimal sequence (3 messages):',
      '[0] Sent (text):',
      '"hi\\x00there"',
      '[1] Sent (json):  <- failed here',
      '{"type": null, "tags": ["a\\nb", 1.5]}',
      '[2] Sent (bytes):',
      '<3 bytes> 00 01 ff',
      'Expected:',
      '  Connection to remain open',
      'Actual:',
      '  Connection closed with code 1011',
      'Connection State: closed',
      'Close Code: 1011 (internal error)',
      'Server traceback:',
      "  TypeError: Cannot read properties of null (reading 'type')",
      '      at chat-app.ts:58:17',
      'Additional Context:',
      '  url: /ws/chat/abc',
      '  total_messages_sent: 2',
      '  last_response: {"type":"welcome"}',
      '  elapsed_time_ms: 12.3',
      'Reproduce: npx wsroutes --app examples/chat-app.ts --ws-include /ws/chat/:room --seed 54321',
      'Seed: 54321',
      rule,
    ]);
    expect(block.trimEnd().endsWith(rule)).toBe(true);
  });

  it('has no colour codes when colour is off, and some when on', () => {
    expect(block).not.toMatch(/\u001b\[/);
    expect(formatFailureBlock(chat, crash, { color: true })).toMatch(/\u001b\[/);
  });

  it('names the handshake when no message caused it, and shows the hint', () => {
    const text = formatFailureBlock(priv, rejected, { color: false });
    expectInOrder(text, [
      'WEBSOCKET TEST FAILURE: /ws/private',
      'Error Type: handshake_rejected',
      'Failed at message index: (handshake)',
      'Minimal sequence (0 messages):',
      '(none)',
      'Close Code: None',
      'last_response: None',
      'Hint: the route wants credentials: pass them with --auth',
      'Reproduce:',
    ]);
    expect(text).not.toContain('Server traceback:');
  });

  it('names the close when the failure came after the messages', () => {
    const atClose = { ...crash, errorType: 'shutdown_error' as const, messageIndex: null, connectionState: 'closing' };
    expect(formatFailureBlock(chat, atClose, { color: false })).toContain('Failed at message index: (close)');
  });

  it('says so when shrinking stopped early', () => {
    const text = formatFailureBlock(chat, { ...crash, shrinkTimedOut: true }, { color: false });
    expect(text).toContain('shrink_steps: 17 (stopped at the time limit');
  });
});

describe('the prelude', () => {
  it('is shown before the minimal sequence, apart from it', () => {
    const withPrelude = formatFailureBlock(
      chat,
      {
        ...crash,
        prelude: [
          { type: 'json', data: { type: 'login', token: 'demo' } },
          { type: 'text', data: 'hi' },
        ],
      },
      { color: false },
    );
    expectInOrder(withPrelude, [
      'Failed at message index: 1',
      'Prelude (2 messages, sent first on every connection, not shrunk):',
      '[p0] Sent (json):',
      '"login"',
      '[p1] Sent (text):',
      'Minimal sequence (3 messages):',
    ]);
    expect(formatFailureBlock(chat, crash, { color: false })).not.toContain('Prelude');
  });
});
