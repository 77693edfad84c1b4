// The application made by an exported async factory, as a test harness builds it
// (`createApp()`), instead of bootstrapped and listened to by main.ts.
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { AppModule } from './app.module.js';

export default async function createApp() {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  app.useWebSocketAdapter(new WsAdapter(app));
  return app;
}
