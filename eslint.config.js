// The linter of `npm test` (docs/decisions/013-trust-boundaries.md): TypeScript's recommended rules, the
// rules of hooks, and jsx-a11y for what axe cannot see before a page renders. Formatting is Prettier's.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'build-*/**',
      'public/build/**',
      'public/build-*/**',
      'app/generated/**',
      'data/**',
      'test-results/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // A closure may read a variable that is assigned once, later (e.g. the Socket.io server for Remix).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Matching control characters is the point of the code that refuses them (NUL, C0/C1 in URLs).
      'no-control-regex': 'off',
    },
  },
  // Remix's ambient types are declared the way its templates do.
  { files: ['**/*.d.ts'], rules: { '@typescript-eslint/triple-slash-reference': 'off' } },
  // Playwright fixtures are `async ({}, use) => …`: not React hooks, and the empty pattern is its API.
  { files: ['tests/e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' } },
  prettier,
)
