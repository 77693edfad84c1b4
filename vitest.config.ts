import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/apps/**', 'test/integrations/**/fixtures/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // e2e tests start real servers and child processes; two cores, so keep files few at once.
    maxWorkers: 2,
    pool: 'forks',
  },
});
