// Unit tests cover the pure .ts modules (store, formatting); components are left to browser tests.
module.exports = { ...require('../../jest.preset.js'), roots: ['<rootDir>/src'] };
