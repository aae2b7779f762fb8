'use strict';
// Argument checking, written once for every JavaScript front end (pure JS, native addon, WASM),
// so the three throw the same error types with the same messages.

const { FIBONACCI_MAX_N } = require('./limits.js');
const INT32_MIN = -2147483648;

/** Renders a rejected value for an error message: strings quoted, bigints with their `n`. */
function describe(value) {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 64 ? `${value.slice(0, 61)}...` : value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `function ${value.name || '(anonymous)'}`;
    case 'undefined':
      return 'undefined';
    default:
      if (value === null) return 'null';
      return describeObject(value);
  }
}

/** The object's kind, as Object.prototype.toString gives it, or '' where reading it throws. */
function objectTag(value) {
  try {
    return Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    return ''; // a Proxy whose trap throws, a Symbol.toStringTag getter that throws
  }
}

/** Array.isArray that is false for a revoked Proxy instead of throwing. */
function isArray(value) {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

// A message about a bad argument must not fail itself: the reads that can reach user code (a
// revoked Proxy, a throwing getter) are guarded, and their errors never replace ours.
function describeObject(value) {
  try {
    if (Array.isArray(value)) return `an array of length ${value.length}`;
  } catch {
    return 'an object (Proxy)'; // only a Proxy gets here: revoked (Array.isArray throws) or a throwing length trap
  }
  const tag = objectTag(value);
  return tag ? `an object (${tag})` : 'an object';
}

/**
 * What init() takes: a URL (a string or a URL), a Request, a Response, the bytes, or a compiled
 * WebAssembly.Module (by its tag: one compiled in another context, a vm or Next.js's edge sandbox,
 * counts). The browser entry loads it; where the module is ready on load, init() only checks it.
 */
function isInitInput(value) {
  try {
    return (
      typeof value === 'string' ||
      (typeof URL === 'function' && value instanceof URL) ||
      (typeof Request === 'function' && value instanceof Request) ||
      (typeof Response === 'function' && value instanceof Response) ||
      ArrayBuffer.isView(value) ||
      value instanceof ArrayBuffer ||
      objectTag(value) === 'WebAssembly.Module'
    );
  } catch {
    return false; // instanceof of a revoked Proxy throws
  }
}

const initInputError = (value) =>
  new TypeError(`init: input must be a URL, a string, a Request, a Response, bytes or a WebAssembly.Module, got ${describe(value)}`);

/** An init() input that is bytes (an ArrayBuffer or a view), as a Uint8Array over them; else null. */
function initBytes(value) {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value instanceof ArrayBuffer ? new Uint8Array(value) : null;
}

/** Every WebAssembly binary starts with "\0asm". */
function isWasm(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/** What the bytes begin with, for a message. */
function startOf(bytes) {
  if (bytes.length === 0) return 'no bytes at all';
  const head = String.fromCharCode(...bytes.subarray(0, 24));
  return `bytes starting ${JSON.stringify(head)}${bytes.length > 24 ? '...' : ''}`;
}

const notWasmBytesError = (bytes) => new TypeError(`init: the bytes given are not a WebAssembly module: ${startOf(bytes)}`);

/**
 * Checks `n` for fibonacci() and returns it as an int32 the kernels can take.
 * Every n < 1 yields 0, so integers below the int32 range are clamped rather than wrapped.
 */
function fibonacciArgument(n) {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`fibonacci: n must be an integer number, got ${describe(n)}`);
  }
  if (n > FIBONACCI_MAX_N) {
    throw new RangeError(`fibonacci: n must be at most ${FIBONACCI_MAX_N} (fib(47) overflows int32), got ${describe(n)}`);
  }
  return n < INT32_MIN ? INT32_MIN : n;
}

module.exports = {
  FIBONACCI_MAX_N,
  describe,
  isArray,
  objectTag,
  isInitInput,
  initInputError,
  initBytes,
  isWasm,
  startOf,
  notWasmBytesError,
  fibonacciArgument,
};
