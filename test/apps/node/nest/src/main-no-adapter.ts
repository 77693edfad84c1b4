// The same app bootstrapped without `app.useWebSocketAdapter(...)`: Nest would look for
// @nestjs/platform-socket.io (not installed) and exit the process.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
