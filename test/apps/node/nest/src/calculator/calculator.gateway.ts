import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { WsResponse } from '@nestjs/websockets';
import { CalculatorService } from './calculator.service.js';

interface DivideRequest {
  operands: [number, number];
}

// Planted bug: `divide` reads `data.operands` without checking it is there, so any
// `divide` message whose data has no operands array throws a TypeError in the handler.
// Only a message naming the `divide` event reaches it.
@WebSocketGateway({ path: '/calculator' })
export class CalculatorGateway {
  constructor(private readonly calculator: CalculatorService) {}

  @SubscribeMessage('divide')
  divide(@MessageBody() data: DivideRequest): WsResponse<number> {
    const [dividend, divisor] = data.operands;
    return { event: 'quotient', data: this.calculator.divide(dividend, divisor) };
  }
}
