'use strict';
// What running an IP case takes, without Jest and without Node built-ins: building the input forms
// and chunked streams, capturing a result or an error, and reducing it to something comparable with
// a case's `expect`. Shared by test/ip-conformance*.test.js (Jest, every split) and test/cases/run.js
// (plain, in every runtime).
const { mulberry32 } = require('../../support/random-ips.js');
const { decodeValue, toHex } = require('./decode-ip.js');

const encoder = new TextEncoder();

/** A short rendering of a value for test titles. */
function show(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'symbol' || typeof value === 'function' || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length})`;
  return Object.prototype.toString.call(value);
}

/** Seeded floats in [0, 1): the same splits and samples on every run. */
function random(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

function capture(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error, threw: true };
  }
}

/** Awaits fn(); a synchronous throw and a rejection are both captured. */
async function captureAsync(fn) {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error, threw: true };
  }
}

/** The part of `expect` a result can be compared with: a table's size, countries, lookups; or an error. */
function outcome(result, expect) {
  if (result.threw) {
    const { error } = result;
    const out = { error: error?.constructor?.name ?? typeof error, message: error?.message };
    if ('line' in expect) out.line = error?.line;
    return out;
  }
  const table = result.value;
  if (expect.error) return { error: `nothing (returned ${show(table)} of size ${table?.size})` };
  const out = { size: table.size };
  if ('countries' in expect) out.countries = [...table.countries];
  if ('countryCount' in expect) out.countryCount = table.countries.length;
  if ('lookups' in expect) out.lookups = Object.fromEntries(Object.keys(expect.lookups).map((ip) => [ip, table.lookup(ip)]));
  return out;
}

/** What outcome() must give for `expect`. */
function expected(expect) {
  if (expect.error) {
    const out = { error: expect.error, message: expect.message };
    if ('line' in expect) out.line = expect.line;
    return out;
  }
  const out = { size: expect.size };
  for (const key of ['countries', 'countryCount', 'lookups']) if (key in expect) out[key] = expect[key];
  return out;
}

/** Frees a table if it is one (ignoring a table that is already freed). */
function release(result) {
  const table = result && !result.threw ? result.value : null;
  if (table && typeof table.free === 'function') capture(() => table.free());
}

/** The arguments for a builder: (data) or (data, options) when the case has options. */
const withOptions = (testCase, data) => ('options' in testCase ? [data, decodeValue(testCase.options)] : [data]);

/** The input forms fromCsv takes in every runtime. The last one is a view into the middle of a larger buffer. */
const INPUT_FORMS = {
  string: (text) => text,
  Uint8Array: (text) => encoder.encode(text),
  ArrayBuffer: (text) => encoder.encode(text).buffer,
  'Uint8Array view at an offset': (text) => {
    const bytes = encoder.encode(text);
    const big = new Uint8Array(bytes.length + 13).fill(0x2c);
    big.set(bytes, 7);
    return big.subarray(7, 7 + bytes.length);
  },
};

/** Splits bytes at the given cut offsets (sorted, may repeat: empty chunks) into fresh copies. */
function split(bytes, cuts) {
  const pieces = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    pieces.push(bytes.slice(at, cut));
    at = cut;
  }
  return pieces;
}

/** Random cut offsets: chunk sizes from 0 (an empty chunk) to maxChunk. */
function randomCuts(length, rand, maxChunk) {
  const cuts = [];
  let at = 0;
  for (;;) {
    at += Math.floor(rand() * (maxChunk + 1));
    if (at >= length) return cuts;
    cuts.push(at);
  }
}

async function* asyncChunks(pieces) {
  for (const piece of pieces) {
    await null;
    yield piece;
  }
}

function webStream(pieces) {
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      await null;
      if (i < pieces.length) controller.enqueue(pieces[i++]);
      else controller.close();
    },
  });
}

/** The outcome of fromStream as something comparable: the snapshot's hex, or the error. */
async function streamOutcome(api, source, testCase) {
  const args = 'options' in testCase ? [source, decodeValue(testCase.options)] : [source];
  const result = await captureAsync(() => api.IpCountryTable.fromStream(...args));
  if (result.threw) {
    // `line` is a CsvError's; JavaScriptCore (Bun, WebKit) gives every error a `line` of its own: the source line.
    const error = result.error?.constructor?.name;
    return { error, line: error === 'CsvError' ? result.error.line : undefined, message: result.error?.message };
  }
  const hex = toHex(result.value.toBinary());
  release(result);
  return { hex };
}

/** What streamOutcome must give: fromCsv's snapshot (checked against the case elsewhere) or the case's error. */
function referenceOutcome(api, testCase, text) {
  const { expect: want } = testCase;
  if (want.error) return { error: want.error, line: want.line, message: want.message };
  const result = capture(() => api.IpCountryTable.fromCsv(...withOptions(testCase, text)));
  if (result.threw) throw result.error;
  const hex = toHex(result.value.toBinary());
  release(result);
  return { hex };
}

module.exports = {
  encoder,
  show,
  random,
  capture,
  captureAsync,
  outcome,
  expected,
  release,
  withOptions,
  INPUT_FORMS,
  split,
  randomCuts,
  asyncChunks,
  webStream,
  streamOutcome,
  referenceOutcome,
};
