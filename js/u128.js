'use strict';
// 128-bit values as four uint32 words, most significant first (JavaScript has no 128-bit integer
// that is fast; src/ uses unsigned __int128): compare, copy, step.

/** Compares the 128-bit values A[a..a+3] and B[b..b+3]: negative, 0 or positive. */
function compareWords(A, a, B, b) {
  let x = A[a];
  let y = B[b];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 1];
  y = B[b + 1];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 2];
  y = B[b + 2];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 3];
  y = B[b + 3];
  if (x !== y) return x < y ? -1 : 1;
  return 0;
}

function copyWords(A, a, B, b) {
  A[a] = B[b];
  A[a + 1] = B[b + 1];
  A[a + 2] = B[b + 2];
  A[a + 3] = B[b + 3];
}

/** Adds 1 in place; false when it wrapped around from 2^128 - 1. */
function increment(A) {
  for (let j = 3; j >= 0; j--) {
    if (A[j] !== 0xffffffff) {
      A[j]++;
      return true;
    }
    A[j] = 0;
  }
  return false;
}

/** Subtracts 1 in place (A > 0). */
function decrement(A) {
  for (let j = 3; j >= 0; j--) {
    if (A[j] !== 0) {
      A[j]--;
      return;
    }
    A[j] = 0xffffffff;
  }
}

module.exports = { compareWords, copyWords, increment, decrement };
