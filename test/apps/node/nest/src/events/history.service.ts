import { Injectable } from '@nestjs/common';

/** The last messages of the chat, newest last. */
@Injectable()
export class HistoryService {
  private readonly messages: string[] = [];

  add(message: string): number {
    this.messages.push(message);
    if (this.messages.length > 20) this.messages.shift();
    return this.messages.length;
  }

  recent(): string[] {
    return [...this.messages];
  }
}
