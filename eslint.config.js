import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.lti-conform/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        selector: "Literal[value=/purl\\.imsglobal\\.org|application\\/vnd\\.ims/]",
        message: 'Claim URIs, scopes and media types live only in src/lti/vocab.ts.',
      }],
    },
  },
  { files: ['src/lti/**'], rules: { 'no-restricted-syntax': 'off' } },
);
