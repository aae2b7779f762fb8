'use strict';
// The whole-process program hyperfine times, as in the original study:
//   node bench/programs/fib.js <runtime> <n>   -> prints fib(n)
const { RUNTIMES } = require('../implementations.js');

const [runtime, n] = process.argv.slice(2);
if (!RUNTIMES[runtime]) {
  console.error(`usage: node bench/programs/fib.js <${Object.keys(RUNTIMES).join('|')}> <n>`);
  process.exit(2);
}
console.log(RUNTIMES[runtime].api().fibonacci(Number(n)));
