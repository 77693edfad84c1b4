/** The game's message types, shared by the server and its browser client. */
export const MOVE = 'move';
export const RESET = 'reset';

export const Chat = { SAY: 'say' } as const;
