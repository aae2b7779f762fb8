// Type definitions for native-vs-wasm. Hand-written (Emscripten 3.1.6 has no --emit-tsd) and
// checked by test/package.test.js: the declared names must equal the module's runtime exports.

/**
 * Recursive Fibonacci, exactly as in the original study: `0` for `n < 1`, `1` for `n <= 2`,
 * else `fibonacci(n - 1) + fibonacci(n - 2)`, computed in int32 by the WebAssembly kernel.
 *
 * @param n an integer; at most 46 (fib(47) overflows int32)
 * @throws {TypeError} if `n` is not an integer number (NaN, ±Infinity, fractions, bigints, strings…)
 * @throws {RangeError} if `n > 46`
 */
export declare function fibonacci(n: number): number;
