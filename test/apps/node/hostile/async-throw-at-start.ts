/**
 * Hostile app (minor item of issue 15): its start-up work fails asynchronously, outside
 * any connection: a timer throws and a promise it never awaits rejects. Its route is
 * healthy, so the run passes, but the errors must be shown (--verbose, orphanTraces).
 *
 * route            behaviour                                              verdict
 * /ws/echo         echoes text and binary                                 passed
 */
import express from 'express';
import expressWs from 'express-ws';

const { app } = expressWs(express());

const cache = new Map<string, string>();
setTimeout(() => {
  if (cache.size === 0) throw new Error('cache warm-up failed');
}, 10);

async function loadFeatureFlags(): Promise<Record<string, boolean>> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  throw new Error('feature flags service unreachable');
}
void loadFeatureFlags();

app.ws('/ws/echo', (ws) => {
  ws.on('message', (data) => ws.send(data));
});

export default app;
