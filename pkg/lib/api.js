'use strict';
// The public API, built once over a "backend" that does the work: the pure-JS kernels (js/),
// the Node-API addon (native/) or the embind module (pkg/). Backends receive checked arguments.
const { fibonacciArgument } = require('./args.js');
const { CsvError } = require('./errors.js');
const { defineIpCountryTable } = require('./ip-table.js');

/**
 * @param {object} backend `fibonacci(n)`, `createBuilder(overlapsError)`, `tableFromBinary(bytes)`
 *   (the handle contract is in docs/ip-table.md and js/ip-backend.js)
 */
function createApi(backend) {
  /** Recursive Fibonacci as in the study: 0 for n < 1, 1 for n <= 2; RangeError above 46. */
  function fibonacci(n) {
    return backend.fibonacci(fibonacciArgument(n));
  }
  return { fibonacci, IpCountryTable: defineIpCountryTable(backend), CsvError };
}

module.exports = { createApi };
