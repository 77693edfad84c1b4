import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { WsResponse } from '@nestjs/websockets';
import { HistoryService } from './history.service.js';

// Correct: every event answers, whatever its data. Its service comes by constructor injection.
@WebSocketGateway({ path: '/events' })
export class EventsGateway {
  constructor(private readonly history: HistoryService) {}

  @SubscribeMessage('message')
  handleMessage(@MessageBody() data: unknown): WsResponse<number> {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return { event: 'stored', data: this.history.add(text) };
  }

  @SubscribeMessage('history')
  handleHistory(): WsResponse<string[]> {
    return { event: 'history', data: this.history.recent() };
  }
}
