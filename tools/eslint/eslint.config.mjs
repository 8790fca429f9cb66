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
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:lib'] },
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:sdk', 'type:ui'] },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:app', 'type:kernel', 'type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib', 'type:sdk', 'type:plugin', 'type:ui', 'type:client'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:kernel', 'type:lib', 'type:sdk', 'type:plugin', 'type:app', 'type:client', 'type:ui'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // noUncheckedIndexedAccess is on: a `!` after a checked index is a considered claim, not a shortcut.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Each package declares what its code imports, at the root's exact version (lint runs on `src package.json`).
  // None of the packages has a build target, so the files that count are those typecheck reads, less the tests and
  // tool configs (vite, vitest, drizzle-kit): what only tests import goes under devDependencies, which are not checked.
  // Packages resolved by path at run time (a font, the Swagger UI files, tsx in a shebang) are invisible to the
  // import graph: they are declared where used and left out of the check.
  {
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['typecheck'],
          ignoredFiles: ['{projectRoot}/**/*.test.ts', '{projectRoot}/**/*.test.tsx', '{projectRoot}/*.config.ts'],
          ignoredDependencies: ['@expo-google-fonts/noto-sans-sc', 'swagger-ui-dist', 'tsx'],
        },
      ],
    },
  },
  // Formatting is Prettier's (npm run format); this turns off every ESLint rule that could disagree with it.
  prettier,
];
