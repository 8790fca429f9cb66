import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../tools/scripts/test-setup.ts'],
    env: { NODE_ENV: 'test' },
  },
});
