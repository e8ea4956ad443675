import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Every table of the database (src/lib/db/schema.ts). */
const TABLES = [
  'accounts',
  'series',
  'outcomes',
  'pulses',
  'overrides',
  'notes',
  'models',
  'currentScores',
  'scoreDetails',
  'scoreHistory',
  'settings',
  'imports',
  'importUndo',
  'crosswalk',
  'tasks',
  'playbooks',
  'playbookState',
  'renewalCalls',
];

/** Import patterns naming the src/lib folders `names`, by alias or by relative path. */
function apart(...names) {
  return names.flatMap((n) => [
    `$lib/${n}`,
    `$lib/${n}/*`,
    `**/lib/${n}`,
    `**/lib/${n}/*`,
    `../${n}`,
    `../${n}/*`,
    `../../${n}`,
    `../../${n}/*`,
    `../../../${n}`,
    `../../../${n}/*`,
  ]);
}

/** An ESLint block: files under `glob` must not import `patterns` (types allowed if `types`). */
function layer(glob, patterns, ignores = [], types = false) {
  const files = [
    `${glob}/*.ts`,
    `${glob}/*.svelte`,
    `${glob.replace(/\/\*\*$/, '')}/*.ts`,
    `${glob.replace(/\/\*\*$/, '')}/*.svelte`,
  ];
  return [
    {
      files,
      ignores: ['**/*.test.ts', ...ignores],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: patterns,
                allowTypeImports: types,
                message: 'Outside this folder\'s "may import" line (see its README.md).',
              },
            ],
          },
        ],
      },
    },
  ];
}

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      'tests/fixtures/',
      'static/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Canary is always served from the site root (static build, no base path), so plain
      // href strings are correct; resolve() would only add noise to every link.
      'svelte/no-navigation-without-resolve': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  // Each src/lib folder's README says what it may import; these rules hold it to that line.
  ...layer('src/lib/engine/**', [
    'dexie',
    'svelte',
    'svelte/*',
    '$app/*',
    'comlink',
    'papaparse',
    'chart.js',
    ...apart('db', 'state', 'services', 'worker', 'components', 'import', 'warehouse'),
  ]),
  ...layer('src/lib/warehouse/**', [
    'dexie',
    'svelte',
    'svelte/*',
    '$app/*',
    'node:*',
    ...apart('db', 'state', 'services', 'worker', 'components', 'import'),
  ]),
  ...layer(
    'src/lib/import/**',
    [
      'dexie',
      'svelte',
      'svelte/*',
      '$app/*',
      ...apart('db', 'state', 'services', 'worker', 'components'),
    ],
    ['src/lib/import/**/*.test.ts'],
  ),
  ...layer('src/lib/db/**', [
    'svelte',
    'svelte/*',
    '$app/*',
    'comlink',
    ...apart('state', 'services', 'worker', 'components', 'import', 'warehouse'),
  ]),
  ...layer('src/lib/worker/**', [
    'svelte',
    'svelte/*',
    '$app/*',
    ...apart('state', 'services', 'components'),
  ]),
  ...layer('src/lib/state/**', ['dexie', ...apart('services', 'components')]),
  ...layer('src/lib/services/**', ['dexie', ...apart('components')]),
  // Components and pages may use the database's and the worker's types, never call them.
  ...layer('src/lib/components/**', ['dexie', ...apart('db', 'worker')], [], true),
  ...layer('src/routes/**', ['dexie', ...apart('db', 'worker')], [], true),
  {
    // The repositories in src/lib/db are the only door to the tables.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...["[object.name='db']", "[object.callee.name='getDb']"].map((object) => ({
          selector: `MemberExpression${object}[property.name=/^(${TABLES.join('|')}|transaction|table|tables)$/]`,
          message: 'Query tables through a repository in src/lib/db, not directly.',
        })),
      ],
    },
  },
);
