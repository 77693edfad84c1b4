/** tRPC procedures read from a router's source: nested routers by name and inline, plain nested objects, types kept; no router, none. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { websocketRoute } from './route.js';
import { withNodeProcedures } from './procedures-node.js';

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsroutes-procs-'));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
  return join(dir, 'server.ts');
}

test('procedures of the root router, through a named sub-router in another module and inline nesting', async () => {
  const file = app({
    'post.ts': `import { router, publicProcedure } from './trpc';
      export const postRouter = router({ add: publicProcedure.input(z.object({})).mutation(() => 1), onAdd: publicProcedure.subscription(async function* () {}) });`,
    'server.ts': `import { postRouter } from './post';
      const t = initTRPC.create();
      export const appRouter = t.router({
        greeting: t.procedure.query(() => 'hi'),
        post: postRouter,
        user: t.router({ domain: t.procedure.input(z.string()).query(({ input }) => input) }),
        admin: { stats: t.procedure.query(() => 0) as any },
      });
      applyWSSHandler({ wss, router: appRouter });`,
  });
  const [route] = await withNodeProcedures([websocketRoute('/')], file);
  expect(route!.procedures).toEqual([
    { path: 'greeting', type: 'query' },
    { path: 'post.add', type: 'mutation' },
    { path: 'post.onAdd', type: 'subscription' },
    { path: 'user.domain', type: 'query' },
    { path: 'admin.stats', type: 'query' },
  ]);
});

test('an app without a router gets no procedures (a `.query(` call outside a router is not one)', async () => {
  const file = app({ 'server.ts': `const rows = db.query('select 1'); const opts = { a: client.query('x') }; wss.on('connection', () => {});` });
  const [route] = await withNodeProcedures([websocketRoute('/')], file);
  expect(route!.procedures).toBeUndefined();
});
