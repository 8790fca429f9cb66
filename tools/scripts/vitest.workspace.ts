import { defineConfig } from 'vitest/config';

// One run over every project that has tests; `npm test` (tools/scripts/run-tests.mjs) drives it.
export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    projects: ['{libs,apps,plugins,tools}/*/vitest.config.ts'],
  },
});
