import { Module } from '@nestjs/common';
import { EventsModule } from './events/events.module.js';
import { RoomsModule } from './rooms/rooms.module.js';

@Module({
  imports: [EventsModule, RoomsModule],
})
export class AppModule {}
