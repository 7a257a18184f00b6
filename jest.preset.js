// Shared jest settings: SWC compiles TypeScript (with decorator metadata for Nest DI).
// Nest 12 ships ESM only and jest on Node 20 cannot require() ESM, so @nestjs/* is compiled to
// CommonJS too; everything else in node_modules is left alone.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Hooks and tests that start real processes (brokers, fleets) can take several seconds on a
  // busy 2-core machine; jest's 5 s default would fail them for the machine's load, not a bug.
  testTimeout: 30_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    '/node_modules/@nestjs/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
