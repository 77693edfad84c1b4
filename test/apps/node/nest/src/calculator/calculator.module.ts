import { Module } from '@nestjs/common';
import { CalculatorGateway } from './calculator.gateway.js';
import { CalculatorService } from './calculator.service.js';

@Module({
  providers: [CalculatorGateway, CalculatorService],
})
export class CalculatorModule {}
