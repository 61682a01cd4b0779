import type { Config } from 'jest';

/**
 * One module decision for the whole project: sources are TypeScript compiled to CommonJS.
 * tinybench (and a few other dependencies) ship ESM only, so @swc/jest transforms those
 * packages too instead of the project switching to "type": "module". Type checking is
 * `npm run typecheck`; swc only strips types, which keeps jest fast.
 */
const esmOnly = ['tinybench', 'vega', 'vega-.*', 'd3-.*', 'delaunator', 'robust-predicates', 'internmap'];

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/reference', '<rootDir>/harness', '<rootDir>/fixtures', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 120_000,
  // tfjs-wasm tests are CPU-bound; two workers match the two cores CI has.
  maxWorkers: process.env.CI ? 2 : '50%',
};

export default config;
