import { Module } from '@nestjs/common';
import { CalculatorModule } from './calculator/calculator.module.js';
import { EventsModule } from './events/events.module.js';

@Module({
  imports: [EventsModule, CalculatorModule],
})
export class AppModule {}
