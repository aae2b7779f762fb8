'use strict';
// The public API, built once over a "backend" that does the work: the pure-JS kernels (js/),
// the Node-API addon (native/) or the embind module (pkg/). Backends receive checked arguments.
const { fibonacciArgument } = require('./args.js');

/**
 * @param {{ fibonacci(n: number): number }} backend
 */
function createApi(backend) {
  /** Recursive Fibonacci as in the study: 0 for n < 1, 1 for n <= 2; RangeError above 46. */
  function fibonacci(n) {
    return backend.fibonacci(fibonacciArgument(n));
  }
  return { fibonacci };
}

module.exports = { createApi };
