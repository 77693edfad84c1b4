// Bootstraps a gateway that listens on its own port (8080); the app listens on 3000.
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { TickerModule } from './ticker/ticker.module.js';

async function bootstrap() {
  const app = await NestFactory.create(TickerModule, { logger: ['error', 'warn'] });
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
