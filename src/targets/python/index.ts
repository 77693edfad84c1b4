/** Python ASGI apps (Litestar, FastAPI, Starlette, Falcon, Quart, Django Channels, any ASGI callable, also behind middleware) as targets. */
export { startPythonTarget } from './bridge-process.js';
export type { PythonTarget, PythonTargetOptions } from './bridge-process.js';
export { isPythonSpec, resolvePython } from './resolve-python.js';
export type { ResolvedPython } from './resolve-python.js';
