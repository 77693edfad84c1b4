/** The tRPC instance, as the tRPC docs' `server/trpc.ts` sets it up. */
import { initTRPC } from '@trpc/server';

const t = initTRPC.create();

export const router = t.router;
export const publicProcedure = t.procedure;
