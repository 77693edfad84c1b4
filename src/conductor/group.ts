/**
 * Several clients of one route at once, so a broadcast test is one line:
 * `await group.receiveTextAll()` waits for the next text message on every client, and
 * `await group.everyOtherReceives(0, 'hi')` waits until every client but the sender got it
 * (the shape of a multi-client script: one client acts, the others see its effect).
 */
import type { ReceiveOptions, WsClient } from './client.js';

/** Runs `fn` on every client at once and resolves with the results in client order. */
export function everyClient<T>(clients: Iterable<WsClient>, fn: (client: WsClient, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all([...clients].map((client, index) => fn(client, index)));
}

export class ClientGroup implements Iterable<WsClient> {
  readonly clients: readonly WsClient[];

  constructor(clients: readonly WsClient[]) {
    this.clients = clients;
  }

  get length(): number {
    return this.clients.length;
  }

  /** The client at `index` (negative counts from the end); throws when there is none. */
  at(index: number): WsClient {
    const client = this.clients.at(index);
    if (!client) throw new RangeError(`no client ${index} in a group of ${this.clients.length}`);
    return client;
  }

  [Symbol.iterator](): Iterator<WsClient> {
    return this.clients[Symbol.iterator]();
  }

  receiveTextAll(opts?: ReceiveOptions): Promise<string[]> {
    return everyClient(this.clients, (c) => c.receiveText(opts));
  }

  receiveDataAll(opts?: ReceiveOptions): Promise<Buffer[]> {
    return everyClient(this.clients, (c) => c.receiveData(opts));
  }

  receiveMediaAll<T = unknown>(opts?: ReceiveOptions): Promise<T[]> {
    return everyClient(this.clients, (c) => c.receiveMedia<T>(opts));
  }

  /** Every client except `sender` (its index or the client itself). */
  others(sender: number | WsClient): WsClient[] {
    const skip = typeof sender === 'number' ? this.at(sender) : sender;
    if (!this.clients.includes(skip)) throw new RangeError('the sender is not a client of this group');
    return this.clients.filter((c) => c !== skip);
  }

  /**
   * Waits until every client except `sender` has received a text message equal to `expected`
   * (or matching it, or accepted by it); messages before it on a client are skipped. Resolves
   * with the matching messages in client order; a client that receives none within the
   * receive timeout rejects it (ReceiveTimeoutError), as `receiveText` does.
   */
  everyOtherReceives(sender: number | WsClient, expected: string | RegExp | ((text: string) => boolean), opts?: ReceiveOptions): Promise<string[]> {
    const matches = (text: string): boolean =>
      typeof expected === 'string' ? text === expected : expected instanceof RegExp ? expected.test(text) : expected(text);
    return everyClient(this.others(sender), async (client) => {
      for (;;) {
        const text = await client.receiveText(opts);
        if (matches(text)) return text;
      }
    });
  }

  async closeAll(code = 1000, reason?: string): Promise<void> {
    await everyClient(this.clients, (c) => c.close(code, reason));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.closeAll();
  }
}
