// ESLint: the recommended rules of ESLint and typescript-eslint, less the ones about style (the
// formatter's business) and the ones this code base breaks on purpose.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Fixtures are hostile package code, kept as published.
  globalIgnores(['dist/', 'cache/', 'reports/', 'bench/out/', 'test-artifacts/', 'test/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Benchmarks and scripts are plain JavaScript run by Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // Finding and escaping control characters is this code's job.
      'no-control-regex': 'off',
      // Strict mode already forbids the implicit any; an explicit one is a reviewed choice.
      '@typescript-eslint/no-explicit-any': 'off',
      // `_` marks what is there on purpose and unused (a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
