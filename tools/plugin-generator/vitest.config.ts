import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'plugin-generator',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../tools/scripts/test-setup.ts'],
    testTimeout: 300_000,
    env: { NODE_ENV: 'test' },
  },
});
