/**
 * Jest projects:
 * - unit: pure TypeScript (script model, bridge seams, magics) in Node, no DOM;
 * - integration: the kernel bridge and session against a real jupyter_server + ipykernel
 *   that tests/integration/globalSetup.ts starts and stops.
 */
const tsJest = [
  'ts-jest',
  { tsconfig: '<rootDir>/tsconfig.test.json', isolatedModules: true }
];

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
      testMatch: ['<rootDir>/tests/unit/**/*.spec.ts']
    }
  ]
};
