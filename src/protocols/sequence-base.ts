/** The sequence limits every protocol shares: message count and size, and the close codes to end with. */
import type { Options } from '../config/options.js';

export function sequenceBase(options: Options): { maxMessages: number; maxMessageSize: number; closeCodes: number[] } {
  return { maxMessages: options.maxMessages, maxMessageSize: options.maxMessageSize, closeCodes: options.testCloseCodes };
}
