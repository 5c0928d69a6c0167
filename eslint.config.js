import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * server/'s folders from the bottom up: a folder imports only from folders of lower layers (and from itself), so
 * what sits low (the contract, the database, the audit chain) never depends on what is built on it. Tests and a
 * folder's test support (`testing.ts`, `server/testing/`) may reach anything they set up.
 */
const SERVER_LAYERS = [
  ['contract', 'db'],
  ['audit'],
  ['auth'],
  ['http', 'standards'],
  ['reference'],
  ['checks', 'sync'],
  ['registries', 'analytics', 'workbooks'],
  ['documents', 'demo'],
  ['routes'],
  ['cli'],
];
/** The server's top: the HTTP app, the site and the process entry; `config.ts` is read by anyone. */
const SERVER_TOP_FILES = ['app.ts', 'web.ts', 'main.ts'];

const serverLayerRules = SERVER_LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => {
    const above = SERVER_LAYERS.flatMap((l, r) => (r > rank ? l : r === rank ? l.filter((f) => f !== folder) : []));
    return {
      files: [`server/${folder}/**/*.ts`],
      ignores: ['server/**/*.test.ts', 'server/**/testing.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [
          { group: [...above.map((f) => `../${f}/*`), ...SERVER_TOP_FILES.map((f) => `../${f}`)], message: `server/${folder} sits below that folder (SERVER_LAYERS in eslint.config.js): import downwards only` },
        ] }],
      },
    };
  }),
);

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
    // The workspace reaches the server only through the contract's types and the app's `Api`.
    files: ['workspace/**/*.ts', 'workspace/**/*.tsx'],
    ignores: ['workspace/e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/server/*.ts', '!**/server/app.ts', '**/server/*/**', '!**/server/contract/*.ts'], message: 'workspace/ imports from server/ only server/contract/ and server/app.ts' },
        { group: ['**/server/contract/*.ts', '**/server/app.ts'], allowTypeImports: true, message: 'workspace/ may import server/ types only' },
      ] }],
    },
  },
  ...serverLayerRules,
);
