import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', 'coverage/**', '.scratch/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // Postgres only in repositories (STYLE.md, "Where code goes"): a library's services may open a
  // transaction and hand its EntityManager (`em`) to repository methods, but run no query themselves.
  {
    files: ['libs/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]', 'SQL and query builders'],
          ["MemberExpression[property.name='manager']", 'The DataSource\'s EntityManager'],
          ["CallExpression[callee.object.name='em']", 'EntityManager calls (em.find, em.update...)'],
        ].map(([selector, what]) => ({ selector, message: `${what}: only in *.repository.ts files; services call repository methods (passing \`em\` inside a transaction).` })),
      ],
    },
  },
  // The same outside services, for every file of the ticket domain that is not a repository: only
  // the report readers (each report is its query), the migrations and the health pings query.
  {
    files: ['libs/tickets/src/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/*.service.ts', '**/*.spec.ts', 'libs/tickets/src/migrations/**', 'libs/tickets/src/reports/**', 'libs/tickets/src/survey/satisfaction-report.ts', 'libs/tickets/src/health/**', 'libs/tickets/src/infrastructure/system-health.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          ['CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]', 'SQL and query builders'],
          ["CallExpression[callee.object.name='em']", 'EntityManager calls (em.find, em.update...)'],
        ].map(([selector, what]) => ({ selector, message: `${what}: only in *.repository.ts files; other code calls repository methods (passing \`em\` inside a transaction).` })),
      ],
    },
  },
  // Dependencies point one way (STYLE.md, "Layout"): apps → libs; channels → platform; tickets →
  // platform and the channels' contract as types only; platform → nothing of ours.
  ...importBoundaries(),
);

function importBoundaries() {
  const rule = '@typescript-eslint/no-restricted-imports';
  const pathInto = (dir) => `(^|/)${dir}(/|$)`;
  const noApps = { regex: pathInto('apps/(gateway|worker)'), message: 'Libraries never import apps.' };
  const ownIndex = (lib) => ({ name: `@app/${lib}`, message: 'Inside a library, import its files by path, not through its own index (barrel cycles).' });
  return [
    {
      files: ['libs/channels/**/*.ts'],
      rules: {
        [rule]: [
          'error',
          {
            paths: [
              { name: '@app/tickets', message: 'Channels import nothing from the ticket domain: hand what arrives to a port (InboundSink...) the apps wire.' },
              ownIndex('channels'),
            ],
            patterns: [{ regex: pathInto('tickets/src'), message: 'Channels import nothing from the ticket domain.' }, noApps],
          },
        ],
      },
    },
    {
      files: ['libs/tickets/**/*.ts'],
      rules: {
        [rule]: [
          'error',
          {
            paths: [
              { name: '@app/channels', allowTypeImports: true, message: 'The ticket domain may use the channels\' contract as types only (import type).' },
              ownIndex('tickets'),
            ],
            patterns: [{ regex: pathInto('channels/src'), message: 'The ticket domain reaches the channels only by `import type … from \'@app/channels\'`.' }, noApps],
          },
        ],
      },
    },
    {
      files: ['libs/platform/**/*.ts'],
      rules: {
        [rule]: [
          'error',
          {
            paths: [...['@app/tickets', '@app/channels'].map((name) => ({ name, message: 'The platform library imports neither domain.' })), ownIndex('platform')],
            patterns: [{ regex: pathInto('(tickets|channels)/src'), message: 'The platform library imports neither domain.' }, noApps],
          },
        ],
      },
    },
    {
      files: ['apps/gateway/**/*.ts', 'apps/gateway/**/*.tsx'],
      rules: { [rule]: ['error', { patterns: [{ regex: pathInto('worker/(src|test)'), message: 'Apps never import each other.' }] }] },
    },
    {
      // The browser bundles: library files by path through @shared/<lib>/… only (tools/build-web.ts
      // fails a bundle that reaches server code anyway; this says why at the import).
      files: ['apps/gateway/web/**/*.ts', 'apps/gateway/web/**/*.tsx'],
      rules: {
        [rule]: [
          'error',
          {
            patterns: [
              { regex: '^@app/', message: 'A library\'s index is server code: import the file through @shared/<lib>/… instead.' },
              { regex: '(^|/)libs/', message: 'Import library files through @shared/<lib>/… (apps/gateway/web/tsconfig.json), not by a relative path.' },
              { regex: '^(\\.\\./)+(src|test)/', message: 'The browser code imports nothing of the gateway\'s server code.' },
              { regex: pathInto('worker/(src|test)'), message: 'Apps never import each other.' },
            ],
          },
        ],
      },
    },
    {
      files: ['apps/worker/**/*.ts'],
      rules: { [rule]: ['error', { patterns: [{ regex: pathInto('gateway/(src|test|web)'), message: 'Apps never import each other.' }] }] },
    },
  ];
}
