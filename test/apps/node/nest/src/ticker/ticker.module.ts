import { Module } from '@nestjs/common';
import { TickerGateway } from './ticker.gateway.js';

@Module({
  providers: [TickerGateway],
})
export class TickerModule {}
