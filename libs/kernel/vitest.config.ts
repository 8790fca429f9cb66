import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kernel',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../tools/scripts/test-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
