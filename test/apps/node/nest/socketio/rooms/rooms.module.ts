import { Module } from '@nestjs/common';
import { RoomsGateway } from './rooms.gateway.js';
import { RoomsService } from './rooms.service.js';

@Module({
  providers: [RoomsGateway, RoomsService],
})
export class RoomsModule {}
