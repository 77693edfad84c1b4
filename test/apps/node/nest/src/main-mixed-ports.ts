// Gateways on two servers: the app's (3000) and the ticker's own port (8080).
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { EventsModule } from './events/events.module.js';
import { TickerModule } from './ticker/ticker.module.js';

@Module({
  imports: [EventsModule, TickerModule],
})
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
