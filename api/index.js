'use strict';
// The public API, built once over a "backend" that does the work: the pure-JS kernels (js/),
// the Node-API addon (native/) or the WebAssembly module (wasm/). Backends receive checked
// arguments and answer by the contract in api/backend.d.ts.
const { fibonacciArgument, isInitInput, initInputError, initBytes, isWasm, notWasmBytesError } = require('./args.js');
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
  // `default`: init(), for a backend ready on load (everywhere but the browser entry, whose own
  // init() loads the wasm), so code written for the browser runs unchanged.
  return { fibonacci, IpCountryTable: defineIpCountryTable(backend, fs), CsvError, default: init };
}

/**
 * Loads nothing: the backend is ready. It awaits the input the browser entry would load and checks
 * it as far as that entry does without fetching (its kind; bytes that are not WebAssembly), with
 * the same TypeErrors, so a wrong argument fails here too, and a rejected promise given to it
 * rejects init() instead of going unhandled.
 */
async function init(input) {
  const source = await input;
  if (source === undefined) return;
  if (!isInitInput(source)) throw initInputError(source);
  const bytes = initBytes(source);
  if (bytes && !isWasm(bytes)) throw notWasmBytesError(bytes);
}

module.exports = { createApi };
