import { Module } from '@nestjs/common';
import { EventsGateway } from './events.gateway.js';
import { HistoryService } from './history.service.js';

@Module({
  providers: [EventsGateway, HistoryService],
})
export class EventsModule {}
