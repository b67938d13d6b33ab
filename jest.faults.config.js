/**
 * Fault tests (test/faults, `npm run test:faults`): each file starts a PostgreSQL of its own that it
 * stops, kills and restarts, whatever DATABASE_URL says, so they need no global database and run
 * apart from `npm test`. Two files at a time: the longest (20 kills of an import) waits mostly on
 * processes booting, and the timings the others assert have seconds of margin.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  testEnvironment: base.testEnvironment,
  rootDir: '.',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/test/faults/**/*.fault-spec.ts'],
  moduleFileExtensions: base.moduleFileExtensions,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  testTimeout: 120000,
  maxWorkers: 2,
};
