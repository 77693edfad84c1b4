// A module that forgets the gateway's service: Nest cannot create the application
// (and by default would abort the process).
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { EventsGateway } from './events/events.gateway.js';

@Module({
  providers: [EventsGateway],
})
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: false });
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
