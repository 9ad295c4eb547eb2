// ESLint flat config: typescript-eslint, the Jupyter plugin's recommended rules, prettier last.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jupyter from '@jupyter/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'lib/',
      'coverage/',
      'jupyterlab_cellscript/',
      'ui-tests/node_modules/',
      'ui-tests/host/build/',
      'ui-tests/test-results/',
      'ui-tests/playwright-report/',
      'ui-tests/.jupyter-run/',
      '**/*.d.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { jupyter } },
  ...jupyter.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: { regex: '^I[A-Z]', match: true }
        }
      ],
      '@typescript-eslint/no-unused-vars': ['warn', { args: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // Each plugin needs its widgets and services at activation, so lazy imports gain nothing.
      'jupyter/prefer-lazy-imports': 'off',
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  },
  {
    // jupyterlab_server 2.16 (Debian's, the one here) validates user settings with JSON Schema
    // draft 4, which has no `const`: a `oneOf` of `const`s matches every value twice and every
    // save fails with 400. `enum` is valid under every draft (tests/python/test_schemas.py).
    files: ['schema/*.json'],
    rules: { 'jupyter/no-schema-enum': 'off' }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly'
      }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
);
