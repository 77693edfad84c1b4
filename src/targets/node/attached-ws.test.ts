import { createServer } from 'node:http';
import express from 'express';
import expressWs from 'express-ws';
import { describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startNodeApp } from './index.js';

const start = (value: unknown) => startNodeApp({ value }, { cwd: process.cwd(), include: [] });

/** One message over a real connection: what the route answers. */
function echoOf(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send('hi'));
    ws.on('message', (data) => {
      resolve(data.toString());
      ws.close();
    });
    ws.on('error', reject);
  });
}

describe('ws servers attached to the server a module starts', () => {
  test("an Express app without express-ws serves the attached server's route (Apollo's setup)", async () => {
    const target = await start(() => {
      const app = express();
      app.get('/health', (_req, res) => void res.send('ok'));
      const httpServer = createServer(app);
      const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
      wss.on('connection', (socket) => socket.on('message', (d) => socket.send(`echo ${d.toString()}`)));
      httpServer.listen(4000);
      return app;
    });
    try {
      expect(target.framework).toBe('express');
      expect(target.routes.filter((r) => r.kind === 'websocket').map((r) => r.path)).toEqual(['/graphql']);
      expect(await echoOf(`${target.baseUrl}/graphql`)).toBe('echo hi');
    } finally {
      await target.stop();
    }
  });

  test("express-ws's own pathless server adds no route beside the app's app.ws routes", async () => {
    const target = await start(() => {
      const { app } = expressWs(express());
      app.ws('/chat', (socket) => socket.on('message', (d) => socket.send(String(d))));
      app.listen(3000);
      return app;
    });
    try {
      expect(target.routes.map((r) => r.path)).toEqual(['/chat']);
    } finally {
      await target.stop();
    }
  });

  test('an Express app with neither express-ws nor an attached server is still refused with the advice, at once', async () => {
    const started = Date.now();
    const err = await start(() => {
      const app = express();
      createServer(app).listen(3000);
      return app;
    }).then(
      async (t) => {
        await t.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(/has no express-ws/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
