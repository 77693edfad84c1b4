import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

// A gateway on a port of its own, as in the Nest docs' `@WebSocketGateway(80)`.
@WebSocketGateway(8080, { path: '/ticker' })
export class TickerGateway {
  @SubscribeMessage('tick')
  tick(): number {
    return Date.now();
  }
}
