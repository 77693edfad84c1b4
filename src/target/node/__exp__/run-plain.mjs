// Run startNodeTarget outside vitest (tsx loads our TS source natively).
const { startNodeTarget } = await import('../index.ts');
const t = await startNodeTarget(process.argv[2], { cwd: new URL('../../../../test/apps/node/discovery/', import.meta.url).pathname, include: [] });
console.log(t.framework, t.baseUrl, t.routes.map((r) => r.path));
await t.stop();
console.log('handles', process.getActiveResourcesInfo());
