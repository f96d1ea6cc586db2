// Lint: typescript-eslint's recommended rules plus the project's one-way import rule
// (web → domain, server → domain; never web ↔ server; domain stays isomorphic).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const serverOnly = { group: ['**/server/**', '**/server'], message: 'The web client and domain must not import server code (web → domain only).' };
const webOnly = { group: ['**/web/**', '**/web'], message: 'Server and domain code must not import the web client (server → domain only).' };

export default tseslint.config(
  { ignores: ['postcss.config.cjs', 'dist/**', 'data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'src/server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverOnly] }] },
  },
  {
    files: ['src/web/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverOnly,
            { regex: '^\\.\\./(?!\\.\\.)[^/]+/', message: 'Features do not import each other; move shared code to src/web/components or src/web/lib.' },
            { regex: '/features/', message: 'Features do not import each other.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webOnly] }] },
  },
  {
    // One way through the server: api → commands → db; commands, policies and jobs never reach back into api.
    files: ['src/server/commands/**/*.ts', 'src/server/policies/**/*.ts', 'src/server/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [webOnly, { group: ['**/api/**', '**/api'], message: 'Commands, policies and jobs do not import from src/server/api (api → commands → db).' }] },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            serverOnly,
            webOnly,
            { regex: '^node:', message: 'src/domain is isomorphic: no node:* imports.' },
            { group: ['react', 'react-dom', 'hono', 'pg', 'drizzle-orm', 'drizzle-orm/*'], message: 'src/domain holds pure contracts and rules only.' },
          ],
        },
      ],
    },
  },
);
