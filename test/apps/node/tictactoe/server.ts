/**
 * Tic-tac-toe on a bare `ws` server, as game tutorials split one: the message types are
 * constants in their own module (messages.ts), the handler switches on them, and each
 * case hands the message to a function that destructures what it needs. Nothing in
 * this file spells "move", and no handler reads `msg.row`: the words and keys are found
 * only through the import and the destructured parameter.
 *
 * route   behaviour                                                         verdict
 * /game   move / reset / say, JSON                                          server_error: a move whose row is
 *                                                                           not 0..2 (board[row] is undefined)
 */
import http from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { Chat, MOVE as PLACE, RESET } from './messages.js';

type Cell = 'X' | 'O' | null;
const board: Cell[][] = [
  [null, null, null],
  [null, null, null],
  [null, null, null],
];
let turn: 'X' | 'O' = 'X';

function broadcast(type: string, data: unknown): void {
  for (const client of wss.clients) client.send(JSON.stringify({ type, data }));
}

function handleMove(socket: WebSocket, { row, col }: { row: number; col: number }): void {
  // The bug: row and col are trusted; a row outside 0..2 makes board[row] undefined.
  if (board[row]![col] !== null) {
    socket.send(JSON.stringify({ type: 'error', data: 'cell taken' }));
    return;
  }
  board[row]![col] = turn;
  turn = turn === 'X' ? 'O' : 'X';
  broadcast('board', board);
}

function handleReset(): void {
  for (const line of board) line.fill(null);
  turn = 'X';
  broadcast('board', board);
}

const wss = new WebSocketServer({ server: http.createServer(), path: '/game' });

wss.on('connection', (socket) => {
  socket.send(JSON.stringify({ type: 'board', data: board }));
  socket.on('message', (raw) => {
    let msg: { type?: unknown; text?: unknown };
    try {
      msg = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    switch (msg.type) {
      case PLACE:
        handleMove(socket, msg as { row: number; col: number });
        break;
      case RESET:
        handleReset();
        break;
      case Chat.SAY:
        broadcast('chat', String(msg.text));
        break;
    }
  });
});

export default wss;
