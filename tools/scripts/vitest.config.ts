import { defineProject } from 'vitest/config';

// Checks over the repository itself (not over any one package); part of `npm test` through vitest.workspace.ts.
export default defineProject({
  test: {
    name: 'repo',
    include: ['*.test.ts'],
  },
});
