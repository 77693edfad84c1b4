/** The one-line command that replays a route's run with its seed. */
import type { Options } from '../config/options.js';
import { DEFAULTS } from '../config/options.js';

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function reproduceCommand(o: Options, routePath: string): string {
  const args = ['npx', 'wsroutes'];
  if (o.app) args.push('--app', o.app);
  if (o.url) args.push('--url', o.url);
  if (o.appDir) args.push('--app-dir', o.appDir);
  if (o.config) args.push('--config', o.config);
  for (const setup of o.setup ?? []) args.push('--setup', setup);
  args.push('--ws-include', routePath);
  if (o.maxExamples !== DEFAULTS.maxExamples) args.push('--max-examples', String(o.maxExamples));
  if (o.maxMessages !== DEFAULTS.maxMessages) args.push('--ws-max-messages', String(o.maxMessages));
  if (o.maxMessageSize !== DEFAULTS.maxMessageSize) args.push('--ws-max-message-size', String(o.maxMessageSize));
  if (o.testCloseCodes && o.testCloseCodes.join(',') !== DEFAULTS.testCloseCodes.join(',')) args.push('--ws-close-codes', o.testCloseCodes.join(','));
  if (o.validateSubprotocols) args.push('--ws-validate-subprotocols');
  args.push('--seed', String(o.seed));
  // The secret itself is never printed: the user supplies it again.
  return args.map(shellQuote).join(' ') + (o.auth ? ' --auth <your --auth spec>' : '');
}
