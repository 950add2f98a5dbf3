import { defineConfig } from 'vitest/config';

// Integration tests start real servers and databases: give them room, and keep output readable.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Process tests run the built `heimo`: build first, so they never run stale or missing output.
    globalSetup: ['test/support/build-before-tests.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
