/**
 * Nest's envelope on its ws adapter (@nestjs/platform-ws): plain WebSocket messages, the
 * gateway's `{ event, data }` ones among them (plain.ts draws them from the route's
 * events), and its answer to a handler's exception, `{"event":"exception","data":{...}}`.
 * The Nest adapter names its ws routes with it (targets/node/nest.ts), so only they read
 * that frame as a handled error (error-answer.ts: any object but Nest's "Internal server
 * error", which it sends for an exception it did not expect); every other plain route
 * keeps plain's answers, none.
 */
import type { HandledErrors } from '../execution/answers.js';
import { isWsExceptionFrame } from './error-answer.js';
import { plain } from './plain.js';
import type { Protocol } from './protocol.js';

const answers: HandledErrors = { frame: isWsExceptionFrame };

export const nestWs: Protocol = { name: 'nest-ws', plan: plain.plan, answers };
