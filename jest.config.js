'use strict';
/** Jest runs the JavaScript suites; scripts/test.js runs it next to ctest and prints one summary. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.js'],
  // fib(46) is the study's largest case: ~10 s in pure JS on a busy 2-core machine.
  testTimeout: 120_000,
};
