import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'src/db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Test helpers parse arbitrary JSON responses.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Request contracts are built from src/core/primitives.ts (storable text, sane numbers and dates), so
    // no field can let in what the database refuses. Response shapes (`…View`, `…Answer`, `response:`)
    // describe what we send and may use plain Zod.
    files: [
      'src/modules/**/contracts.ts',
      'src/modules/**/routes/*.ts',
      'src/modules/**/routes.ts',
      'src/modules/trading/platform-events.ts',
      'src/modules/trading/alerts/rule-params.ts',
      'src/app/http/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='z'][callee.property.name=/^(string|number|int|bigint|date|email|uuid|record|any|unknown)$/]:not(VariableDeclarator[id.name=/(View|Answer)$/] *):not(Property[key.name='response'] *)",
          message:
            'Build request fields from src/core/primitives.ts (text(), int(), uuid(), timestamp()…) so unstorable or out-of-range input is a 400.',
        },
        {
          selector:
            "MemberExpression[object.name='z'][property.name=/^(coerce|iso)$/]:not(VariableDeclarator[id.name=/(View|Answer)$/] *)",
          message: 'Use queryInt(), timestamp() or isoInstant() from src/core/primitives.ts.',
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
