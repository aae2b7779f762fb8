'use strict';

/** A CSV input the table cannot be built from; `line` is the 1-based line of the offending row. */
class CsvError extends Error {
  constructor(message, line) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

// Bundlers rename classes that clash (esbuild: CsvError2, Rollup: CsvError$1); the name is part of
// the API (error.constructor.name is the same in every implementation), so it is fixed here.
Object.defineProperty(CsvError, 'name', { value: 'CsvError' });

module.exports = { CsvError };
