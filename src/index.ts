/**
 * The public library entry. Each name is listed by hand so the surface stays deliberate.
 */
export { runWsroutes } from './run/run.js';
export type { RunHooks } from './run/run.js';
export { resolveOptions, DEFAULTS } from './config/options.js';
export type { Options } from './config/options.js';
/** Options as the CLI resolves them: the given values over the config file found in `cwd`, over the defaults. */
export { loadRunOptions as loadOptions } from './run/load-run-options.js';
export { defineConfig, type WsroutesConfig, type RouteOverrideConfig, type SubprotocolConfig } from './config/user-config.js';
export { WsroutesError, isWsroutesError } from './errors.js';
export type { WsroutesErrorCode } from './errors.js';
export type { RunResult, RouteResult, FailureResult, Progress } from './run/results.js';
export type { Message, MessageKind } from './generation/message.js';
export type { ErrorType } from './judgement/failure.js';
export type { Route, PathParam, ParamType } from './discovery/route.js';
export type { Target, TraceSource, ServerTrace } from './targets/target.js';
export { toJsonReport } from './reporting/json-report.js';
export { loadSetupModules } from './run/run.js';
export { registerMessageStrategy, clearMessageStrategies } from './generation/strategies.js';
export type { StrategyValues } from './generation/strategies.js';
export { Conductor } from './conductor/conductor.js';
export type { ConductorOptions, SimulateWsOptions } from './conductor/conductor.js';
export { WsClient, DEFAULT_RECEIVE_TIMEOUT_MS } from './conductor/client.js';
export type { ClientOptions, ReceiveOptions } from './conductor/client.js';
export { ClientGroup, everyClient } from './conductor/group.js';
export type { MediaType } from './conductor/media.js';
export {
  ConductorError,
  HandshakeRejectedError,
  HandshakeTimeoutError,
  DisconnectedError,
  ReceiveTimeoutError,
  MessageKindError,
  MediaDecodeError,
} from './conductor/errors.js';
export type { FrameKind } from './conductor/errors.js';
