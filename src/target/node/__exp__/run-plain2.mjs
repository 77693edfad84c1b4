const { startNodeTarget } = await import('../index.ts');
const t = await startNodeTarget(process.argv[2], { cwd: new URL('../../../../test/apps/node/discovery/', import.meta.url).pathname, include: [] });
console.log(t.framework, t.baseUrl);
await t.stop();
await new Promise((r) => setTimeout(r, 200));
for (const h of process._getActiveHandles()) console.log(h.constructor.name, h.address?.());
