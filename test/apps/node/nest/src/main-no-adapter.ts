// The same app bootstrapped without `app.useWebSocketAdapter(...)`: Nest serves its
// gateways with Socket.IO (@nestjs/platform-socket.io), where their ws-style `path`
// options are two engine.io paths, which wsroutes refuses in one line.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
