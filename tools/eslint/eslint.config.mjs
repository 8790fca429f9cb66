// Shared lint config. Each project runs `eslint -c ../../tools/eslint/eslint.config.mjs src`.
// The module boundaries are the architecture: the kernel never imports a plugin, a plugin never imports another
// plugin (only the SDK), and nothing imports tools.
import nx from '@nx/eslint-plugin';
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
];
