import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../../config/options.js';
import type { Route } from '../../discovery/route.js';
import { reproduceLine } from '../../shrinking/replay.js';
import { kindOf } from './index.js';

const ws: Route = { path: '/ws/chat/:room', kind: 'websocket', params: [{ name: 'room', type: 'str' }] };
const http = (path: string): Route => ({ path, kind: 'http', params: [], methods: ['POST'] });

describe('route kinds', () => {
  test('each kind names its routes and its reproduce flags', () => {
    const o = resolveOptions({ app: 'app.ts', cwd: '/srv', seed: 3 });
    expect(kindOf(ws).key(ws)).toBe('/ws/chat/:room');
    expect(reproduceLine(o, kindOf(ws).reproduceArgs(ws, o))).toBe('npx wsroutes --app /srv/app.ts --ws-include /ws/chat/:room --seed 3');
    const post = http('/orders');
    expect(kindOf(post).key(post)).toBe('POST /orders');
    expect(reproduceLine(o, kindOf(post).reproduceArgs(post, o))).toBe(
      'npx wsroutes --app /srv/app.ts --no-websocket --http --http-include /orders --methods POST --seed 3',
    );
  });

  test('an HTTP path holding `$&` or `$$` reaches the reproduce line as it is (no replacement patterns)', () => {
    const o = resolveOptions({ app: 'app.ts', cwd: '/srv', seed: 3 });
    const odd = http('/a/$&/$$/$`');
    expect(reproduceLine(o, kindOf(odd).reproduceArgs(odd, o))).toContain(` --http-include '/a/$&/$$/$\`' --methods POST `);
  });
});
