'use strict';

/** Recursive, exactly as the study wrote it: 0 for n < 1, 1 for n <= 2. */
function fibonacci(n) {
  if (n < 1) return 0;
  if (n <= 2) return 1;
  return fibonacci(n - 1) + fibonacci(n - 2);
}

module.exports = { fibonacci };
