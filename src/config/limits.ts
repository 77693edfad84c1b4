/**
 * The bounds of option values, apart from the table so `options.ts` (the types) and
 * `option-table.ts` (the values) both read them without importing each other at run time.
 */

/** A kind of generated message (as `generation/message.ts` MessageKind). */
export type MessageKindOption = 'text' | 'json' | 'bytes';
export const MESSAGE_KINDS: readonly MessageKindOption[] = ['text', 'json', 'bytes'];

/** The longest timeout a user may set, seconds: a day (Node timers overflow past 2^31 ms, about 24.8 days). */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** The most clients of one multi-client script. */
export const MAX_CLIENTS = 10;

/** The most connections a run may hold open at once. */
export const MAX_CONCURRENCY = 1000;

/**
 * The most messages of one sequence: a multi-client script draws its interleaving in
 * proportion to it, so 10^9 filled the heap before the first connection.
 */
export const MAX_MESSAGES = 1000;

/** The most sequences per route: past a million a run is hours long, and exploration keeps a slot per sequence. */
export const MAX_EXAMPLES = 1_000_000;

/** The most distinct failures per route: each is shrunk on its own, for up to 30 s. */
export const MAX_FAILURES = 100;

/** The close codes our client ends sequences with unless told otherwise (normal closure, going away). */
export const DEFAULT_CLOSE_CODES: readonly number[] = [1000, 1001];
