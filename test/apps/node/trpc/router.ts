/**
 * The app's router, in the tRPC docs' style: queries, a mutation and a subscription.
 *
 * procedure              behaviour                                                   verdict
 * greeting (query)       `Hello ${input.name}` with a zod-validated input             passes (bad input: BAD_REQUEST)
 * post.add (mutation)    stores a post, emits it                                      passes
 * post.onAdd (subscr.)   yields each new post until stopped                           passes
 * user.domain (query)    `input.split('@')[1].toLowerCase()`: a string without `@`    INTERNAL_SERVER_ERROR,
 *                        has no domain part, TypeError                               logged by onError: server_error
 */
import { EventEmitter, on } from 'node:events';
import { z } from 'zod';
import { publicProcedure, router } from './trpc.js';

interface Post {
  id: number;
  title: string;
}

const ee = new EventEmitter();
const posts: Post[] = [];

const postRouter = router({
  add: publicProcedure.input(z.object({ title: z.string().min(1).max(100) })).mutation(({ input }) => {
    const post = { id: posts.length + 1, title: input.title };
    posts.push(post);
    ee.emit('add', post);
    return post;
  }),
  onAdd: publicProcedure.subscription(async function* (opts) {
    for await (const [post] of on(ee, 'add', { signal: opts.signal })) {
      yield post as Post;
    }
  }),
});

export const appRouter = router({
  greeting: publicProcedure.input(z.object({ name: z.string().nullish() }).nullish()).query(({ input }) => ({ text: `Hello ${input?.name ?? 'world'}` })),
  post: postRouter,
  user: router({
    // The planted bug: an address without '@' has no domain part.
    domain: publicProcedure.input(z.string()).query(({ input }) => input.split('@')[1]!.toLowerCase()),
  }),
});

export type AppRouter = typeof appRouter;
