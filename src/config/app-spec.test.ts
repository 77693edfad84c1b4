import { describe, expect, test } from 'vitest';
import { isWsroutesError } from '../errors.js';
import { appKind, isNodeSpec, mapNodeSpecFile, parseNodeSpec } from './app-spec.js';

function usage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isWsroutesError(e) && e.code === 'USAGE') return e.message;
    throw e;
  }
  throw new Error('expected a USAGE error');
}

describe('the --app grammar', () => {
  test('what isNodeSpec accepts, parseNodeSpec parses (app.tsx is neither)', () => {
    for (const spec of ['app.ts', 'a/app.mts:make', 'app.cjs', 'app.tsx', 'app.jsx:app', 'app.py', 'mod:app']) {
      if (isNodeSpec(spec)) expect(parseNodeSpec(spec, '/w').file).toMatch(/^\/w\//);
      else expect(() => parseNodeSpec(spec, '/w')).toThrow();
    }
    expect(isNodeSpec('app.tsx')).toBe(false);
  });

  test('each spec is a Node app, a Python app, or one USAGE line', () => {
    expect(appKind('src/app.ts:app')).toBe('node');
    expect(appKind('pkg.mod:create_app()')).toBe('python');
    // uvicorn imports a module by its file name: fastapi-fiddle.py is `fastapi-fiddle:app`.
    expect(appKind('fastapi-fiddle:app')).toBe('python');
    expect(appKind('scratch.2048-game:app')).toBe('python');
    expect(usage(() => appKind('fiddle:my-app'))).toMatch(/^--app fiddle:my-app: expected a Node file/);
    expect(usage(() => appKind('app.tsx'))).toBe('--app app.tsx: a Node app must be a .ts .mts .cts .js .mjs .cjs file, optionally followed by :EXPORT');
    expect(usage(() => appKind('my-app'))).toMatch(/^--app my-app: expected a Node file .* or a Python app/);
  });

  test('a Node spec keeps its export when its file is moved', () => {
    expect(mapNodeSpecFile('app.ts:make', (f) => `/p/${f}`)).toBe('/p/app.ts:make');
    expect(mapNodeSpecFile('app.ts', (f) => `/p/${f}`)).toBe('/p/app.ts');
  });
});
