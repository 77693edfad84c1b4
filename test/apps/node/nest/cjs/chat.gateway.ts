import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { WsResponse } from '@nestjs/websockets';
import { RoomsService } from './rooms.service';

// Correct: any data joins a room named after it. The service comes by constructor injection.
@WebSocketGateway({ path: '/chat' })
export class ChatGateway {
  constructor(private readonly rooms: RoomsService) {}

  @SubscribeMessage('join')
  join(@MessageBody() room: unknown): WsResponse<number> {
    return { event: 'joined', data: this.rooms.join(typeof room === 'string' ? room : JSON.stringify(room)) };
  }
}
