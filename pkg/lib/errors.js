'use strict';

/** A CSV input the table cannot be built from; `line` is the 1-based line of the offending row. */
class CsvError extends Error {
  constructor(message, line) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

module.exports = { CsvError };
