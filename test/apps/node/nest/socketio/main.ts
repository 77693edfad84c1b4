// A Nest app whose gateways run on Socket.IO, Nest's default WebSocket platform: no
// adapter call, @nestjs/platform-socket.io installed, bootstrapped as the Nest docs write it.
//
// namespace  event               behaviour                                                 verdict
// /          events, identity    the docs' gateway: an Observable of WsResponses, an echo  passed
// /rooms     join                data.room.trim(): data without a string room throws       server_error, emit("join", ...)
//            leave               logs a bad request and answers it with a WsException      (an answer, not a failure)
//            rename (@Ack)       acknowledges only when the client asked for an ack        (passes with and without)
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
