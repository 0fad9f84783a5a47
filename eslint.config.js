import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'web/dist/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', URL: 'readonly', AbortController: 'readonly', fetch: 'readonly',
        structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly',
        window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly',
        queueMicrotask: 'readonly', performance: 'readonly', Response: 'readonly', Request: 'readonly',
        Headers: 'readonly', crypto: 'readonly', Blob: 'readonly', File: 'readonly', WebSocket: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The domain is pure: no clock, no randomness, no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take now from a Clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take now from a Clock.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Take randomness from an injected source.' },
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*', '../app/*', '../../app/*', '../store/*', '../../store/*', '../http/*', '../../http/*', 'kysely', 'fastify', 'pg'] }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'emulator/cli.ts', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
