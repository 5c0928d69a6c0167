import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['formulas/**/*.test.ts', 'server/**/*.test.ts', 'workspace/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Embedded Postgres starts in ~5 s per test file; the browser tests start a server and Chromium.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './server/testing/summary-reporter.ts'],
  },
});
