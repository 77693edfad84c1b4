/**
 * Start-up failures of the Python bridge as one-line WsroutesErrors that name the
 * interpreter used and say what to do.
 */
import { WsroutesError } from '../../errors.js';
import type { WsroutesErrorCode } from '../../errors.js';
import type { ErrorEvent } from './bridge-events.js';
import type { ResolvedPython } from './resolve-python.js';

export function describePython(python: ResolvedPython): string {
  return `${python.command}, from ${python.source}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function make(code: WsroutesErrorCode, message: string, detail?: string): WsroutesError {
  return new WsroutesError(code, oneLine(message), detail ? { cause: new Error(detail) } : undefined);
}

/** An `error` event from the bridge. */
export function errorFromEvent(e: ErrorEvent, spec: string, python: ResolvedPython): WsroutesError {
  const py = describePython(python);
  switch (e.code) {
    case 'missing_uvicorn':
      return make(
        'PYTHON',
        `uvicorn is not installed for ${python.command} (from ${python.source}): install it (${python.command} -m pip install uvicorn) or pick the project's interpreter with --python`,
      );
    case 'missing_ws_library':
      return make('PYTHON', `${e.message} for ${python.command} (from ${python.source}): ${python.command} -m pip install websockets`);
    case 'python_too_old':
      return make('PYTHON', `${e.message} (using ${py}); pass a newer one with --python`);
    case 'bad_spec':
      return make('USAGE', e.message);
    case 'module_not_found':
      return make('APP_NOT_FOUND', `cannot import ${spec}: ${e.message} (using ${py}); run wsroutes from the project folder or pass --app-dir`);
    case 'attr_not_found':
      return make('APP_NOT_FOUND', `cannot load ${spec}: ${e.message} (using ${py})`);
    case 'import_error':
      return make('APP_NOT_FOUND', `cannot import ${spec}: ${e.message} (using ${py}); is that the project's interpreter? (--python)`, e.detail);
    case 'not_callable':
      return make('NOT_AN_APP', `${e.message} (using ${py})`);
    case 'server_at_import':
    case 'django_settings':
    case 'import_exception':
    case 'factory_exception':
      return make('APP_START_FAILED', `the app failed to load: ${e.message} (using ${py})`, e.detail);
    case 'startup_failed':
      return make('APP_START_FAILED', `the app failed to start: ${e.message} (using ${py})`, e.detail);
    default:
      return make('PYTHON', `the Python bridge failed (${e.code}): ${e.message} (using ${py})`, e.detail);
  }
}

/** The interpreter could not be run at all. */
export function spawnError(err: NodeJS.ErrnoException, python: ResolvedPython): WsroutesError {
  if (err.code === 'ENOENT') {
    return make(
      'PYTHON',
      `Python interpreter not found: ${python.command} (from ${python.source}); pass --python PATH, activate a virtualenv, or create ./.venv`,
    );
  }
  if (err.code === 'EACCES') return make('PYTHON', `Python interpreter is not executable: ${python.command} (from ${python.source})`);
  return make('PYTHON', `cannot run ${python.command} (from ${python.source}): ${err.message}`);
}

/** The bridge exited before `ready` without saying why. */
export function exitError(code: number | null, signal: NodeJS.Signals | null, stderrTail: string, python: ResolvedPython): WsroutesError {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const last = stderrTail.trim().split('\n').pop()?.trim();
  return make('PYTHON', `the Python bridge ${how} before it was ready (using ${describePython(python)})${last ? `: ${last}` : ''}`, stderrTail || undefined);
}

export function timeoutError(ms: number, stderrTail: string, python: ResolvedPython): WsroutesError {
  const last = stderrTail.trim().split('\n').pop()?.trim();
  return make(
    'APP_START_FAILED',
    `the app was not ready within ${ms / 1000} s (using ${describePython(python)})${last ? `; last output: ${last}` : ''}`,
    stderrTail || undefined,
  );
}
