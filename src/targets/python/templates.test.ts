/**
 * The template contract between the bridge and the TypeScript side: whatever the framework
 * spells (`{x}` with an annotation, `{x:int}`, Werkzeug's `<int:x>`, Django's converters and
 * regex groups), every route of every test app arrives as `{name:type}` placeholders that
 * `paramsOf` reads back to exactly the params the bridge sent, and a real client reaches
 * each route at the path `fillTemplate` makes of it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paramsOf } from '../../discovery/route.js';
import type { PythonTarget } from './bridge-process.js';
import { startPythonTarget } from './bridge-process.js';
import { APPS, connect, samplePath, venvPython } from './python-tests.test-data.js';

// Routes whose planted bug refuses every handshake (quart_app.py: only room "lobby" exists).
const REFUSES = new Set(['/ws/chat/{room:str}']);

const NORMAL = /^(?:[^{}]|\{[A-Za-z_]\w*:(?:str|int|float|uuid|path)\})*$/;

const CASES: Array<{ spec: string; appDir?: string; headers?: Record<string, string> }> = [
  { spec: 'litestar_app:app' },
  { spec: 'fastapi_app:app' },
  { spec: 'starlette_app:app' },
  { spec: 'falcon_app:app' },
  { spec: 'quart_app:app' },
  { spec: 'middleware_app:quart' },
  { spec: 'mysite.asgi:application', appDir: 'channels_project', headers: { Origin: 'http://127.0.0.1' } },
];

describe.each(CASES)('$spec', (c) => {
  let target: PythonTarget;

  beforeAll(async () => {
    target = await startPythonTarget(c.spec, { cwd: APPS, appDir: c.appDir, python: venvPython() });
  }, 30_000);

  afterAll(async () => {
    await target?.stop();
  });

  test('every template is {name:type} and paramsOf reads back the params sent', () => {
    expect(target.routes.length).toBeGreaterThan(0);
    for (const route of target.routes) {
      expect(route.path).toMatch(NORMAL);
      // A param's pattern (values drawn from it) is not in the template.
      expect(paramsOf(route.path), route.path).toEqual(route.params.map(({ name, type }) => ({ name, type })));
    }
  });

  test('a real client reaches every parameterised route at its filled-in path', async () => {
    for (const route of target.routes.filter((r) => r.params.length > 0 && !REFUSES.has(r.path))) {
      const client = await connect(target.baseUrl, samplePath(route), c.headers);
      client.ws.close(1000);
      expect((await client.closed).code, route.path).toBe(1000);
    }
  });
});
