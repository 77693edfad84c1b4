import { Injectable } from '@nestjs/common';

/** Who is in which room. */
@Injectable()
export class RoomsService {
  private readonly members = new Map<string, Set<string>>();

  join(room: string, client: string): number {
    const members = this.members.get(room) ?? new Set<string>();
    members.add(client);
    this.members.set(room, members);
    return members.size;
  }

  leave(room: string, client: string): number {
    const members = this.members.get(room);
    if (!members?.delete(client)) throw new Error(`${client} is not in room ${room}`);
    return members.size;
  }
}
