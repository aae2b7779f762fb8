'use strict';
// The public API, built once over a "backend" that does the work: the pure-JS kernels (js/),
// the Node-API addon (native/) or the WebAssembly module (wasm/). Backends receive checked
// arguments and answer by the contract in api/backend.d.ts.
const { fibonacciArgument } = require('./args.js');
const { CsvError } = require('./errors.js');
const { defineIpCountryTable } = require('./ip-table.js');

/**
 * @param {import('./backend').Backend} backend
 * @param {{ fs?: object | null }} [host] Node's fs for fromFile (none in browsers)
 */
function createApi(backend, { fs = null } = {}) {
  /** Recursive Fibonacci as in the study: 0 for n < 1, 1 for n <= 2; RangeError above 46. */
  function fibonacci(n) {
    return backend.fibonacci(fibonacciArgument(n));
  }
  // `default`: init(), which resolves at once where the backend is ready on load (everywhere but
  // the browser entry, whose own init() loads the wasm), so code written for it runs unchanged.
  return { fibonacci, IpCountryTable: defineIpCountryTable(backend, fs), CsvError, default: init };
}

function init() {
  return Promise.resolve();
}

module.exports = { createApi };
