/**
 * Several clients of one route at once, so a broadcast test is one line:
 * `await group.receiveTextAll()` waits for the next text message on every client.
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

  async closeAll(code = 1000, reason?: string): Promise<void> {
    await everyClient(this.clients, (c) => c.close(code, reason));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.closeAll();
  }
}
