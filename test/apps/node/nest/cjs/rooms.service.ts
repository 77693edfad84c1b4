import { Injectable } from '@nestjs/common';

@Injectable()
export class RoomsService {
  private readonly members = new Map<string, number>();

  join(room: string): number {
    const count = (this.members.get(room) ?? 0) + 1;
    this.members.set(room, count);
    return count;
  }
}
