import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module boundaries. A module's public face is `src/modules/<name>/index.ts`:
 * - a file under src/modules/<A>/ imports from another module <B> only `../<B>/index.js`, except that
 *   `src/modules/<A>/schema.ts` may import `src/modules/<B>/schema.ts` for foreign-key references;
 * - nothing under src/modules/ imports the composition root src/app/;
 * - src/integrations/ imports a module only through its index.ts; src/core/ (the shared kernel) does not
 *   import modules at all.
 * Type-only imports count too. Test files (`*.test.ts`, `*.fixtures.ts`) are exempt.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      internals:
        "'{{target}}' is inside module {{module}}: import its public face ({{module}}/index.js) instead. Only a module's schema.ts may import another module's schema.ts (foreign keys).",
      appRoot:
        "'{{target}}' is the composition root: a module never imports src/app; take what it needs as a dependency.",
      coreToModule:
        "'{{target}}' is in module {{module}}: the shared kernel src/core does not depend on modules.",
    },
  },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = file.match(/^src\/(modules\/([^/]+)|integrations|core)\//);
    if (!from) return {};
    const ownModule = from[2];
    const check = (source) => {
      const spec = source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      const data = { target };
      if (ownModule && /^src\/app(\/|$)/.test(target))
        return context.report({ node: source, messageId: 'appRoot', data });
      const to = target.match(/^src\/modules\/([^/]+)\/(.+?)(\.[jt]sx?)?$/);
      if (!to || to[1] === ownModule) return;
      data.module = to[1];
      if (from[1] === 'core') return context.report({ node: source, messageId: 'coreToModule', data });
      if (to[2] === 'index') return;
      if (ownModule && to[2] === 'schema' && file === `src/modules/${ownModule}/schema.ts`) return;
      context.report({ node: source, messageId: 'internals', data });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};

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
    files: ['src/modules/**/*.ts', 'src/integrations/**/*.ts', 'src/core/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.fixtures.ts'],
    plugins: { local: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'local/module-boundaries': 'error' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The web app's API types are the server's response contracts (src/shared/contracts), never a
      // hand copy. Those files are Zod schemas: import only their types, so Zod stays out of the bundle
      // (value lists the browser needs are in zod-free src/shared/*.ts files).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', allowTypeImports: true, message: 'The browser bundle does not ship Zod.' }],
          patterns: [
            {
              group: ['**/src/shared/contracts/*'],
              allowTypeImports: true,
              message:
                'Use `import type` from the contracts; take runtime value lists from src/shared/*.ts (no Zod).',
            },
            {
              group: [
                '**/api/types',
                '**/api/clientTypes',
                '**/api/tradingTypes',
                './types',
                './clientTypes',
                './tradingTypes',
              ],
              message: 'The API types come from src/shared/contracts/<domain>, not a hand-copied file.',
            },
          ],
        },
      ],
    },
  },
);
