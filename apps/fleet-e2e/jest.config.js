module.exports = {
  ...require('../../jest.preset.js'),
  // The fault suite (test/faults) renders docs/reliability.md from the rows its specs record;
  // the teardown writes nothing unless every fault spec ran.
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/global-teardown.ts',
};
