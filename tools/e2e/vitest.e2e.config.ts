import { defineConfig } from 'vitest/config';

// Browser flows: one seeded server for the whole suite (global-setup.ts), Debian's chromium driven by playwright-core,
// one file at a time (2 cores; each file opens its own browser profile). Not picked up by the unit workspace, whose
// glob only matches vitest.config.ts.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['src/**/*.e2e.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    passWithNoTests: true,
  },
});
