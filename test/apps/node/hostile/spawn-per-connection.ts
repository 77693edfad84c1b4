/**
 * Hostile app (issue 15, item 5): every session starts helper processes that outlive
 * it, as a per-connection worker or a transcoding job would. The sleeps stand in for the
 * work; none is ever waited for or killed by the app.
 *
 * route            behaviour                                              verdict
 * /ws/jobs         on connect: spawn('sleep', ['100']) and                passed
 *                  exec('sleep 100') (a shell and its child); echoes
 * /ws/report       on connect: exec('sleep 100 & wait') (the shell's      passed
 *                  background child, in the shell's group); echoes
 */
import { exec, spawn } from 'node:child_process';
import express from 'express';
import expressWs from 'express-ws';

const { app } = expressWs(express());

app.ws('/ws/jobs', (ws) => {
  const worker = spawn('sleep', ['100'], { stdio: 'ignore' });
  worker.on('error', (err) => console.log(`worker failed: ${err.message}`));
  exec('sleep 100', () => {});
  ws.on('message', (data) => ws.send(data));
});

app.ws('/ws/report', (ws) => {
  exec('sleep 100 & wait', () => {});
  ws.on('message', (data) => ws.send(data));
});

export default app;
