// Shared lint config. Each project runs `eslint -c ../../tools/eslint/eslint.config.mjs src`.
// The module boundaries are the architecture: the kernel never imports a plugin, a plugin never imports another
// plugin (only the SDK), and nothing imports tools.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import * as jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist/**', '**/node_modules/**', '**/migrations/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:lib', 'type:contract'] },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib', 'type:contract'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:lib', 'type:contract'] },
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:sdk', 'type:ui'] },
            { sourceTag: 'type:demo', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib', 'type:contract'] },
            {
              sourceTag: 'type:api',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:plugin', 'type:lib', 'type:contract'],
            },
            // The client needs only the AppRouter's type; no library imports an app.
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:api', 'type:lib'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:kernel',
                'type:lib',
                'type:sdk',
                'type:plugin',
                'type:ui',
                'type:client',
                'type:api',
                'type:contract',
                'type:demo',
              ],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:kernel',
                'type:lib',
                'type:sdk',
                'type:plugin',
                'type:app',
                'type:client',
                'type:ui',
                'type:api',
                'type:contract',
                'type:demo',
              ],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // noUncheckedIndexedAccess is on: a `!` after a checked index is a considered claim, not a shortcut.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The kernel by domain: a domain reaches another only through that domain's index ('../records', never
  // '../records/ingest'), so each domain's index is its whole public surface. Table definitions may import each other
  // (schema.ts files form the one migration ledger), tests may use the test helpers in core/testing, and core — the
  // shared base, not a domain — may be imported file by file (a leaf such as core/settings must be reachable from a
  // module-level constant without going through an index that is still being evaluated).
  {
    files: ['libs/kernel/src/*/**/*.ts', 'src/*/**/*.ts'],
    ignores: ['**/schema.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(\\.\\./)+(access|audit|registry|records|processes|file|calendar|evaluation|exchange|public|plugins|console)/',
              message: 'Import another kernel domain through its index (e.g. ../records), not its files.',
            },
          ],
        },
      ],
    },
  },
  // Each package declares what its code imports, at the root's exact version (lint runs on `src package.json`).
  // None of the packages has a build target, so the files that count are those typecheck reads, less the tests and
  // tool configs (vite, vitest, drizzle-kit): what only tests import goes under devDependencies, which are not checked.
  // Packages resolved by path at run time (a font, the Swagger UI files, tsx in a shebang) are invisible to the
  // import graph: they are declared where used and left out of the check. esbuild is the server's build tool
  // (apps/server/build.mjs), a root dev dependency, never imported by the server's code.
  {
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['typecheck'],
          ignoredFiles: ['{projectRoot}/**/*.test.ts', '{projectRoot}/**/*.test.tsx', '{projectRoot}/*.config.ts'],
          ignoredDependencies: ['@expo-google-fonts/noto-sans-sc', 'swagger-ui-dist', 'tsx', 'esbuild'],
        },
      ],
    },
  },
  // Formatting is Prettier's (npm run format); this turns off every ESLint rule that could disagree with it.
  prettier,
];
