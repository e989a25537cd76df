// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swcTransform = base.transform['^.+\\.(t|j)sx?$'];
const shared = {
  ...base,
  transform: {
    ...base.transform,
    // d3-color >= 3.1.1 ships its main entry as .mjs, which the scaffold's transform does not match.
    '^.+\\.mjs$': swcTransform,
    '^.+\\.proto$': '<rootDir>/jest/text-transform.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json', 'proto'],
  // hyparquet-writer (test fixtures and the demo's Parquet partitions) and its hyparquet ship ESM only.
  // @grafana/plugin-ui's CEL evaluator (@marcbachmann/cel-js) ships ESM only too.
  transformIgnorePatterns: [
    nodeModulesToTransform([...grafanaESModules, 'hyparquet', 'hyparquet-writer', '@marcbachmann/cel-js']),
  ],
};
// The backend and engine run on Node: no DOM, no browser polyfills.
const nodeProject = { ...shared, testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/jest/node-setup.js'] };

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'frontend',
      testMatch: ['<rootDir>/src/{app,datasource}/**/*.test.{ts,tsx}', '<rootDir>/src/*.test.{ts,tsx}'],
      // Its tests' timeout is raised in jest-setup.js: testTimeout is global in Jest 29, not per project.
    },
    { ...nodeProject, displayName: 'unit', testMatch: ['<rootDir>/src/{backend,engine}/**/*.test.ts'] },
    {
      ...nodeProject,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
    },
  ],
};
