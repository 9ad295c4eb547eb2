/**
 * Jest projects:
 * - unit: pure TypeScript (script model, bridge seams, magics) in Node, no DOM;
 * - integration: the kernel bridge and session against a real jupyter_server + ipykernel
 *   that tests/integration/globalSetup.js starts and globalTeardown.js stops.
 * Both first embed src/kernel/runtime.py (scripts/embed-runtime.js), so a fresh clone works.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  modulePathIgnorePatterns: [
    '<rootDir>/jupyterlab_cellscript/labextension',
    '<rootDir>/ui-tests'
  ],
  testPathIgnorePatterns: ['/node_modules/', '/lib/']
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.spec.ts'],
      globalSetup: '<rootDir>/scripts/embed-runtime.js'
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/integration/globalSetup.js',
      globalTeardown: '<rootDir>/tests/integration/globalTeardown.js',
      setupFilesAfterEnv: ['<rootDir>/tests/integration/setupTimeout.js']
    }
  ]
};
