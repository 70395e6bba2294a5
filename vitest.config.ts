import { defineConfig } from 'vitest/config';

/** Unit tests beside the code and integration tests against real files and servers. */
export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest-unit.json' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
