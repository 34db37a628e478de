import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The shared/ modules that build zod schemas when loaded. Their types are welcome anywhere; their values only in the
// backend and in each other: in the renderer (and the shared/ modules it uses) they would bundle zod into the page (a
// sixth of its script) and build every schema at each start. Plain vocabularies and helpers: shared/domain-values.ts.
const schemaModules = ['domain', 'api-contract', 'export/backup', 'web-annotations/read-annotations'];
const schemaValues = (patterns) => ({
  group: ['zod', 'zod/*', ...patterns],
  allowTypeImports: true,
  message: 'Only types from a schema module here: take values from a module without zod (shared/domain-values.ts).',
});
const nodeOnly = ['electron', 'electron/*', 'node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http'];

// shared/ is pure: it runs unchanged in the renderer, the backend and the tests.
const sharedPure = {
  group: [...nodeOnly, 'react', 'react-dom', 'react-dom/*'],
  message: 'shared/ stays pure: no DOM, Node or Electron.',
};

const SHELLS = ['main', 'preload', 'serve', 'cli'];

/** The import rules of electron/backend and of each shell folder under electron/. */
function shellBoundaries() {
  const folderImport = (folder) => ({
    regex: `(^|/)(\\.\\.|electron)/${folder}(/|$)`,
    message: `Only electron/${folder} itself uses its modules: share code through electron/backend or shared/.`,
  });
  const noElectron = {
    group: ['electron', 'electron/*'],
    message: 'Only electron/main and electron/preload use Electron.',
  };
  const rules = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  return [
    {
      files: ['electron/backend/**/*.ts'],
      rules: rules([noElectron, ...SHELLS.map(folderImport)]),
    },
    ...SHELLS.map((shell) => ({
      files: [`electron/${shell}/**/*.ts`],
      rules: rules([
        ...(shell === 'main' || shell === 'preload' ? [] : [noElectron]),
        ...SHELLS.filter((other) => other !== shell).map(folderImport),
      ]),
    })),
  ];
}

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'test-results/', 'playwright-report/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `const { text, ...rest } = document` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The bench's page-side code runs in Chromium (page.evaluate, and the peer's page).
    files: ['scripts/bench/**/*.mjs', 'scripts/bench/peer/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer reaches Node and Electron only through the API client.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The renderer has no Node or Electron: use the API client.' },
            schemaValues(schemaModules.map((file) => `**/shared/${file}`)),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: [...schemaModules.map((file) => `shared/${file}.ts`), 'shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [sharedPure, schemaValues(schemaModules.map((file) => `**/${file.split('/').pop()}`))],
        },
      ],
    },
  },
  {
    // The schema modules and the tests may use the schemas (still pure).
    files: [...schemaModules.map((file) => `shared/${file}.ts`), 'shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [sharedPure],
        },
      ],
    },
  },
  // Each shell is a thin adapter over electron/backend; no shell reaches into another's folder, and the backend,
  // shared by all of them, imports no shell and no Electron (so the browser mode and the command line run without it).
  ...shellBoundaries(),
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
