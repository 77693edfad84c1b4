import { MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type WsResponse } from '@nestjs/websockets';
import { from, map, type Observable } from 'rxjs';
import type { Server } from 'socket.io';

// The gateway of the Nest docs (WebSockets > Gateways): correct whatever it is sent.
@WebSocketGateway()
export class EventsGateway {
  @WebSocketServer()
  server!: Server;

  @SubscribeMessage('events')
  findAll(@MessageBody() _data: unknown): Observable<WsResponse<number>> {
    return from([1, 2, 3]).pipe(map((item) => ({ event: 'events', data: item })));
  }

  @SubscribeMessage('identity')
  async identity(@MessageBody() data: number): Promise<number> {
    return data;
  }
}
