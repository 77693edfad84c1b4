/**
 * Which Python runs the bridge and where
 * the bridge package ships (`<package>/python`, beside `dist/` and `src/`).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ResolvedPython {
  /** What to spawn: a path, or a bare name looked up on PATH. */
  command: string;
  /** Where it came from, for error messages. */
  source: '--python' | '$VIRTUAL_ENV' | './.venv' | 'PATH';
}

const BIN = process.platform === 'win32' ? join('Scripts', 'python.exe') : join('bin', 'python');

/** `--python`, else `$VIRTUAL_ENV`'s python, else `./.venv`'s (relative to cwd), else `python3`. */
export function resolvePython(opts: { python?: string; cwd: string; env?: NodeJS.ProcessEnv }): ResolvedPython {
  const env = opts.env ?? process.env;
  if (opts.python) {
    const bare = !opts.python.includes('/') && !opts.python.includes('\\');
    return { command: bare ? opts.python : resolve(opts.cwd, opts.python), source: '--python' };
  }
  if (env.VIRTUAL_ENV) return { command: join(env.VIRTUAL_ENV, BIN), source: '$VIRTUAL_ENV' };
  const local = resolve(opts.cwd, '.venv', BIN);
  if (existsSync(local)) return { command: local, source: './.venv' };
  return { command: process.platform === 'win32' ? 'python' : 'python3', source: 'PATH' };
}

/** The app spec grammar lives in config/: re-exported for the Python target's callers. */
export { isPythonSpec } from '../../config/app-spec.js';

let cachedBridgeRoot: string | undefined;

/** The directory to put on PYTHONPATH: the one holding `wsroutes_bridge/`. */
export function bridgeRoot(): string {
  if (cachedBridgeRoot) return cachedBridgeRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'python');
    if (existsSync(join(candidate, 'wsroutes_bridge', '__main__.py'))) return (cachedBridgeRoot = candidate);
    const parent = dirname(dir);
    if (parent === dir || !isAbsolute(parent)) {
      throw new Error('wsroutes_bridge not found: the python/ folder of the wsroutes package is missing');
    }
    dir = parent;
  }
}
