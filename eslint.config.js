import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'demo-data/', 'test-results/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // formulas/ runs in browser workers and on the server: no Node API, nothing of ours.
    files: ['formulas/**/*.ts'],
    ignores: ['formulas/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'], message: 'formulas/ must not use Node APIs' },
        { group: ['**/server/**', '**/workspace/**', '**/templates/**'], message: 'formulas/ imports nothing of ours' },
      ] }],
    },
  },
  {
    // The workspace reaches the server only through types.
    files: ['workspace/**/*.ts', 'workspace/**/*.tsx'],
    ignores: ['workspace/e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], allowTypeImports: true, message: 'workspace/ may import server/ types only' }] }],
    },
  },
);
