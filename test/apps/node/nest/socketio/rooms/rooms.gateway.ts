import { Logger } from '@nestjs/common';
import { Ack, ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WsException, type WsResponse } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { RoomsService } from './rooms.service.js';

interface RoomRequest {
  room: string;
}

// Planted bug: `join` trims `data.room` without checking it is a string, so a `join`
// whose data has no string room throws a TypeError in the handler (Nest answers
// "Internal server error" and logs it). `leave` checks, logs what it refuses and answers
// with a WsException: an answer. `rename` acknowledges by hand, only when asked to.
@WebSocketGateway({ namespace: 'rooms' })
export class RoomsGateway {
  private readonly logger = new Logger(RoomsGateway.name);

  constructor(private readonly rooms: RoomsService) {}

  @SubscribeMessage('join')
  join(@MessageBody() data: RoomRequest, @ConnectedSocket() client: Socket): WsResponse<number> {
    const room = data.room.trim().toLowerCase();
    void client.join(room);
    return { event: 'joined', data: this.rooms.join(room, client.id) };
  }

  @SubscribeMessage('leave')
  leave(@MessageBody() data: RoomRequest, @ConnectedSocket() client: Socket): WsResponse<number> {
    try {
      if (typeof data?.room !== 'string') throw new TypeError('room must be a string');
      return { event: 'left', data: this.rooms.leave(data.room, client.id) };
    } catch (err) {
      this.logger.error(err);
      throw new WsException((err as Error).message);
    }
  }

  @SubscribeMessage('rename')
  rename(@MessageBody() data: unknown, @Ack() ack: (response: { status: string; name: string }) => void): void {
    const name = typeof data === 'string' ? data.trim() : 'anonymous';
    if (typeof ack === 'function') ack({ status: 'ok', name });
  }
}
