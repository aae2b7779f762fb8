'use strict';
// Argument checking for IpCountryTable, written once for every front end (docs/ip-table.md).
const { describe, objectTag } = require('./args.js');

const IPV4_MAX = 0xffffffff;
const IPV6_LIMIT = 1n << 128n;

// Valid IP text is at most 45 characters; longer strings are rejected without a kernel call.
const { MAX_IP_TEXT, DEFAULT_MAX_MEMORY, LOOKUP_INVALID_TEXT, LOOKUP_NONE } = require('./limits.js');

// A bigint address's four words, read through a BigUint64Array: one bigint shift per lookup instead
// of seven bigint operations that each allocate (40 against 290-420 ns per address, Node 20).
const bigWords = new BigUint64Array(2); // [low 64 bits, high 64 bits]
const bigWordHalves = new Uint32Array(bigWords.buffer);
const HIGH = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0; // where a u64's high half is: 1 little-endian

// Brand checks through the engine's own getters: they run no user code (a Proxy's traps, a
// Symbol.toStringTag getter) and a forged tag does not pass them.
const getter = (object, key) => Object.getOwnPropertyDescriptor(object, key).get;
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag); // undefined for non-typed-arrays
const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const typedArrayLength = getter(TypedArrayPrototype, 'length');
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get; // not in Node 20

const tagOf = (value) => typedArrayTag.call(value);
const isUint32Array = (value) => tagOf(value) === 'Uint32Array';
const isUint16Array = (value) => tagOf(value) === 'Uint16Array';
const isUint8Array = (value) => tagOf(value) === 'Uint8Array';

/** True for an ArrayBuffer (not a SharedArrayBuffer, which cannot be detached or passed bare). */
function isArrayBuffer(value) {
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/** An ArrayBuffer whose memory was transferred away (postMessage, transfer()): it reads as empty. */
function isDetached(buffer) {
  if (!isArrayBuffer(buffer) || arrayBufferByteLength.call(buffer) !== 0) return false;
  if (arrayBufferDetached) return arrayBufferDetached.call(buffer);
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Throws if `value` (an ArrayBuffer or a typed array) has lost its memory: without this a detached
 * buffer reads as empty input ("no data rows", "bad magic") or fails inside an engine call.
 */
function checkAttached(value, what) {
  const buffer = tagOf(value) === undefined ? value : typedArrayBuffer.call(value); // no throw and catch for a view
  if (isDetached(buffer)) {
    const kind = buffer === value ? 'a detached ArrayBuffer' : `a ${tagOf(value)} of a detached ArrayBuffer`;
    throw new TypeError(`${what} is ${kind} (its memory was transferred, to a worker for instance)`);
  }
  return value;
}

/**
 * `view` (a Type, brand-checked) as a view the backends can read: itself when it is a plain Type,
 * else a plain Type over the same memory, so a subclass or an own `length`, `subarray` or `set`
 * cannot change what is looked up or written (a silent wrong answer otherwise).
 */
function plainView(view, Type) {
  if (Object.getPrototypeOf(view) === Type.prototype && !OVERRIDES.some((key) => Object.hasOwn(view, key))) return view;
  const length = typedArrayLength.call(view);
  // (an empty one may be detached, whose buffer takes no new view: the caller checks the original)
  return length === 0 ? new Type(0) : new Type(typedArrayBuffer.call(view), typedArrayByteOffset.call(view), length);
}
const OVERRIDES = ['length', 'subarray', 'set'];

const OPTION_KEYS = ['overlaps', 'maxMemory', 'signal', 'sizeHint'];

/** An AbortSignal, told by what code reads of it (signals of another realm or a polyfill pass). */
const isAbortSignal = (value) =>
  value !== null && typeof value === 'object' && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';

/**
 * @param {(reason: unknown) => void} [beforeAbort] called with the reason of a signal already aborted, before it is thrown
 * @returns {{ overlapsError: boolean, maxMemory: number, signal: AbortSignal | undefined, sizeHint: number }}
 */
function csvOptions(options, beforeAbort) {
  if (options === undefined) return { overlapsError: false, maxMemory: DEFAULT_MAX_MEMORY, signal: undefined, sizeHint: 0 };
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key))
      throw new TypeError(`options: unknown option ${JSON.stringify(key)} (the options are ${OPTION_KEYS.join(', ')})`);
  }
  const { overlaps, maxMemory = DEFAULT_MAX_MEMORY, signal, sizeHint = 0 } = options;
  if (overlaps !== undefined && overlaps !== 'narrowest' && overlaps !== 'error') {
    throw new TypeError(`options.overlaps must be "narrowest" or "error", got ${describe(overlaps)}`);
  }
  if (!Number.isSafeInteger(maxMemory) || maxMemory < 1) {
    throw new TypeError(`options.maxMemory must be a positive integer (bytes), got ${describe(maxMemory)}`);
  }
  if (signal !== undefined && !isAbortSignal(signal)) throw new TypeError(`options.signal must be an AbortSignal, got ${describe(signal)}`);
  if (!Number.isSafeInteger(sizeHint) || sizeHint < 0) {
    throw new TypeError(`options.sizeHint must be a non-negative integer (bytes), got ${describe(sizeHint)}`);
  }
  // An aborted signal stops a load before it starts, with the signal's reason (as fetch does, which
  // also cancels the request's body: beforeAbort, for the source fromStream will not read).
  if (signal?.aborted) {
    beforeAbort?.(signal.reason);
    throw signal.reason;
  }
  return { overlapsError: overlaps === 'error', maxMemory, signal, sizeHint };
}

let encoder;

/**
 * A string as UTF-8 bytes: TextEncoder, which every runtime has but jsdom (the browser-like
 * environment of Jest and others, which runs in Node: there Buffer does the same, lone surrogates
 * included). Made on first use, so that loading the package needs neither.
 */
function utf8(text) {
  if (typeof TextEncoder === 'function') return (encoder ??= new TextEncoder()).encode(text);
  if (typeof globalThis.Buffer === 'function') return globalThis.Buffer.from(text, 'utf8'); // not `Buffer`: bundlers would polyfill it
  throw new TypeError('native-vs-wasm: this runtime has no TextEncoder to turn the string into bytes; pass a Uint8Array');
}

/** CSV input as bytes: Uint8Array (Buffer included) as is, ArrayBuffer viewed, string encoded. */
function csvBytes(data, where) {
  if (isUint8Array(data)) return checkAttached(data, `${where}: data`);
  if (isArrayBuffer(data)) return new Uint8Array(checkAttached(data, `${where}: data`));
  if (typeof data === 'string') return utf8(data);
  throw new TypeError(`${where}: data must be a Uint8Array, an ArrayBuffer or a string, got ${describe(data)}`);
}

function streamChunk(chunk) {
  if (isUint8Array(chunk)) return checkAttached(chunk, 'fromStream: a chunk');
  if (typeof chunk === 'string') return utf8(chunk);
  if (isArrayBuffer(chunk)) return new Uint8Array(checkAttached(chunk, 'fromStream: a chunk'));
  throw new TypeError(`fromStream: chunks must be Uint8Array, ArrayBuffer or string, got ${describe(chunk)}`);
}

/** A snapshot as bytes: Uint8Array (Buffer included) as is, ArrayBuffer viewed. */
function snapshotBytes(bytes) {
  if (isUint8Array(bytes)) return checkAttached(bytes, 'fromBinary: bytes');
  if (isArrayBuffer(bytes)) return new Uint8Array(checkAttached(bytes, 'fromBinary: bytes'));
  throw new TypeError(`fromBinary: bytes must be a Uint8Array or an ArrayBuffer, got ${describe(bytes)}`);
}

/** fromFile's path, in every form fs takes: a string, a file: URL, a Buffer. */
function filePath(path) {
  if (typeof path === 'string' || isUint8Array(path)) return path;
  if (objectTag(path) === 'URL') {
    if (path.protocol !== 'file:') throw new TypeError(`fromFile: a URL must be a file: URL, got ${describe(path.href)}`);
    return path;
  }
  throw new TypeError(`fromFile: path must be a string, a file: URL or a Buffer, got ${describe(path)}`);
}

const notAnAddress = (prefix, ip) => new TypeError(`${prefix}not an IPv4 or IPv6 address: ${describe(ip)}`);

/**
 * Looks one IP up through a backend table handle; `prefix` starts error messages ("lookup: ").
 * @returns {number} country index, or -1
 */
function lookupIndex(handle, ip, prefix) {
  switch (typeof ip) {
    case 'string': {
      if (ip.length > MAX_IP_TEXT) throw notAnAddress(prefix, ip);
      const index = handle.lookupText(ip);
      if (index === LOOKUP_INVALID_TEXT) throw notAnAddress(prefix, ip);
      return index;
    }
    case 'number':
      if (!Number.isInteger(ip) || ip < 0 || ip > IPV4_MAX) {
        const message = `${prefix}an IPv4 number must be an integer from 0 to 4294967295, got ${describe(ip)}`;
        throw Number.isInteger(ip) ? new RangeError(message) : new TypeError(message);
      }
      return handle.lookupV4(ip);
    case 'bigint':
      if (ip < 0n || ip >= IPV6_LIMIT) throw new RangeError(`${prefix}an IPv6 bigint must be from 0n to 2^128-1, got ${describe(ip)}`);
      bigWords[0] = ip; // stores the low 64 bits (the store wraps)
      bigWords[1] = ip >> 64n;
      return handle.lookupV6(bigWordHalves[2 + HIGH], bigWordHalves[3 - HIGH], bigWordHalves[HIGH], bigWordHalves[1 - HIGH]);
    default:
      throw new TypeError(`${prefix}ip must be a string, a number or a bigint, got ${describe(ip)}`);
  }
}

// Untrusted address text (tryLookup): "[v6]" or "[v6]:port", and "a.b.c.d:port" (one colon only:
// an IPv6 address without brackets has several, and no port).
const BRACKETED = /^\[([^\]]*)\](?::\d+)?$/;
const WITH_PORT = /^([^:]*):\d+$/;

/**
 * Looks text from outside up without throwing: -1 for anything that is not an address.
 * @returns {number} country index, or -1
 */
function lookupUntrusted(handle, text) {
  if (typeof text !== 'string' || text.length > 4 * MAX_IP_TEXT) return LOOKUP_NONE;
  // A list ("client, proxy, ...", as in X-Forwarded-For): its first entry.
  const first = text.split(',', 1)[0].trim();
  const match = BRACKETED.exec(first) ?? WITH_PORT.exec(first);
  let ip = match ? match[1] : first;
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  if (ip.length === 0 || ip.length > MAX_IP_TEXT) return LOOKUP_NONE;
  const index = handle.lookupText(ip);
  return index === LOOKUP_INVALID_TEXT ? LOOKUP_NONE : index;
}

module.exports = {
  csvOptions,
  csvBytes,
  snapshotBytes,
  filePath,
  streamChunk,
  lookupIndex,
  lookupUntrusted,
  isUint32Array,
  isUint16Array,
  isUint8Array,
  isArrayBuffer,
  checkAttached,
  plainView,
  describe,
};
