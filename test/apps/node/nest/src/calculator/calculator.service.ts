import { Injectable } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';

@Injectable()
export class CalculatorService {
  divide(dividend: number, divisor: number): number {
    if (divisor === 0) throw new WsException('Cannot divide by zero');
    return dividend / divisor;
  }
}
