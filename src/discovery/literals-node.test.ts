import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { withNodeLiterals } from './literals-node.js';
import { websocketRoute } from './route.js';

/** Writes the files into a fresh directory; returns the first one's path. */
function files(contents: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsroutes-literals-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return join(dir, Object.keys(contents)[0]!);
}

const literalsOf = async (appFile: string | undefined, paths: string[], app?: unknown) =>
  (
    await withNodeLiterals(
      paths.map((p) => websocketRoute(p)),
      { appFile, app },
    )
  ).map((r) => r.literals);

describe('Node literal mining', () => {
  test('the ws test app: its connection listener, followed into the functions it calls', async () => {
    const appFile = resolve('test/apps/node/literals-ws-app.ts');
    const { default: wss } = await import(appFile);
    const [literals] = await literalsOf(appFile, ['/chat'], wss);
    expect(literals).toEqual({ strings: ['join', 'leave', 'say', 'ping'], numbers: [], keys: ['type', 'room', 'text'] });
  });

  test('constants imported from a local module (aliased, and members of a const object) and keys of a destructured parameter', async () => {
    const [literals] = await literalsOf(resolve('test/apps/node/tictactoe/server.ts'), ['/game']);
    expect(literals).toEqual({ strings: ['X', 'move', 'reset', 'say'], numbers: [], keys: ['row', 'col', 'type', 'text'] });
  });

  test('an enum member and a local constant compared instead of the word', async () => {
    const appFile = files({
      'app.ts': `
        import { WebSocketServer } from 'ws';
        enum Op { Join = 'join', Quit = 'quit' }
        const LIMIT = 7;
        const wss = new WebSocketServer({ port: 0, path: '/ops' });
        wss.on('connection', (ws) => ws.on('message', (raw) => {
          const m = JSON.parse(String(raw));
          if (m.op === Op.Join) ws.send('in');
          if (m.count === LIMIT) ws.send('full');
        }));
        export default wss;`,
    });
    const [ops] = await literalsOf(appFile, ['/ops']);
    expect(ops).toEqual({ strings: ['join'], numbers: [7], keys: ['op', 'count'] });
  });

  test('each route gets the literals of the call that registers it', async () => {
    const appFile = files({
      'app.ts': `
        import express from 'express';
        const app = express();
        app.ws('/alpha', (ws) => {
          ws.on('message', (raw: string) => {
            if (raw === 'goodbye') ws.close();
            if (raw.startsWith('/nick ')) rename(raw);
          });
        });
        app.ws('/beta', (ws) => ws.on('message', (raw) => { if (raw == 42 || raw === -1) ws.send('x'); }));
        function rename(raw: string) { return raw !== 'anonymous'; }
        function unused(x: string) { return x === 'never'; }
        export default app;`,
    });
    const [alpha, beta, other] = await literalsOf(appFile, ['/alpha', '/beta', '/gamma']);
    expect(alpha).toEqual({ strings: ['goodbye', '/nick ', 'anonymous'], numbers: [], keys: [] });
    expect(beta).toEqual({ strings: [], numbers: [42, -1], keys: [] });
    // A route no call names: every module read.
    expect(other?.strings).toEqual(expect.arrayContaining(['goodbye', 'anonymous', 'never']));
  });

  test('a route registered under a prefix is found by the path it registers (Fastify plugins, Express routers)', async () => {
    const appFile = files({
      'app.ts': `
        async function routes(f) {
          f.get('/echo', { websocket: true }, (socket) => socket.on('message', (m) => m === 'echo-word'));
          f.get('/other', { websocket: true }, (socket) => socket.on('message', (m) => m === 'other-word'));
        }
        await app.register(routes, { prefix: '/ws' });`,
    });
    const [echo, other] = await literalsOf(appFile, ['/ws/echo', '/ws/other']);
    expect(echo?.strings).toEqual(['echo-word']);
    expect(other?.strings).toEqual(['other-word']);
  });

  test('keys of parsed messages, destructuring, dispatch tables and local imports (.js written for .ts)', async () => {
    const appFile = files({
      'server.ts': `
        import { handle } from './handlers.js';
        fastify.get('/ws', { websocket: true }, (socket) => socket.on('message', (raw) => handle(socket, raw)));`,
      'handlers.ts': `
        const actions = { join: () => 1, 'leave-all': () => 2 };
        export function handle(socket: unknown, raw: Buffer) {
          const { kind, room } = JSON.parse(raw.toString()) as { kind: string; room: string };
          const msg = JSON.parse(raw.toString());
          if (['a', 'b'].includes(kind)) return;
          actions[msg.action]?.();
          return msg.payload ?? msg['user-id'];
        }`,
    });
    const [literals] = await literalsOf(appFile, ['/ws']);
    expect(literals?.strings).toEqual(['a', 'b', 'join', 'leave-all']);
    expect(literals?.keys).toEqual(expect.arrayContaining(['kind', 'room', 'user-id', 'action', 'payload']));
    expect(literals?.keys).not.toContain('toString');
  });

  test('typeof tests, and members of what is not a message, are left out', async () => {
    const appFile = files({
      'app.ts': `
        app.ws('/ws', (ws) => ws.on('message', (raw) => {
          const msg = JSON.parse(raw);
          if (typeof msg !== 'object' || this.mode === 'strict' || process.env.DEBUG === '1') return;
          if (ws.readyState === 3 || raw.length === 0 || ws.protocol === 'chat') return;
          if (msg.type === 'hello') ws.send('hi');
        }));`,
    });
    const [literals] = await literalsOf(appFile, ['/ws']);
    expect(literals?.strings).toEqual(['strict', '1', 'hello']);
    expect(literals?.keys).toEqual(['type']);
  });

  test('a missing file, bad syntax, or nothing compared: no literals, never an error', async () => {
    expect(await literalsOf('/nonexistent/app.ts', ['/ws'])).toEqual([undefined]);
    expect(await literalsOf(files({ 'bad.ts': 'export const = = ;; if (x === "a"' }), ['/ws'])).toHaveLength(1);
    expect(await literalsOf(files({ 'plain.ts': 'export const app = 1 + 2;' }), ['/ws'])).toEqual([undefined]);
    expect(await literalsOf(undefined, ['/ws'], { listeners: () => [() => {}], handleUpgrade() {} })).toEqual([undefined]);
  });
});
