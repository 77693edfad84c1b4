const { startNodeTarget } = await import('../index.ts');
const cwd = new URL('../../../../test/apps/node/discovery/', import.meta.url).pathname;
for (const s of ['nope/missing-app.ts','fastify-factory.ts:nope','http-app.ts','bad-apps.ts','bad-apps.ts:createNothing','hono-no-inject.ts','fastify-factory.ts:withoutWebsocket','express-app.cts:withoutExpressWs','throws-on-import.ts','bad-apps.ts:createFailing','fastify-factory.ts:failingPlugin','http-app.ts:cannotListen','app.py', 'bad-apps.ts:port']) {
  try { const t = await startNodeTarget(s, { cwd, include: [] }); console.log('STARTED', s); await t.stop(); } catch (e) { console.log(`${e.code}: ${e.message}`); }
}
