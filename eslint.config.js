'use strict';
// ESLint for the project's JavaScript: the recommended rules, CommonJS for .js, ES modules for
// .mjs; the globals of where each folder runs. `npm test` runs it (scripts/lint.js).
const js = require('@eslint/js');
const globals = require('globals');

module.exports = [
  {
    ignores: [
      'build/',
      'node_modules/',
      'bench/results/',
      'pkg/lib/',
      'pkg/web.mjs',
      'pkg/emscripten/',
      'pkg/emscripten-web.mjs',
      'wasm/node-factory-*.js',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2024, globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', ecmaVersion: 2024, globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The fixture apps and page entries are ES modules for bundlers, in .js files.
    files: ['test/browser/**/*.js', 'test/runtimes/entries/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // Code that runs in browsers, Workers and other runtimes too.
    files: ['api/**', 'wasm/**', 'js/**', 'test/browser/**', 'test/runtimes/**', 'bench/runtimes/**', 'support/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker, Bun: 'readonly', Deno: 'readonly' } },
  },
  {
    // Jest suites; their page callbacks run in the browser.
    files: ['test/**/*.test.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
];
