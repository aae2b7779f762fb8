// @ts-check
'use strict';
// Adapts the WebAssembly module to the backend contract of the API layer (api/backend.d.ts). Per-call work goes
// through the module's plain C exports (`_nvw_*`), the object lifecycle through embind (see
// wasm/binding.cpp for why). Bytes go into the wasm heap through typed-array views of C++
// scratch buffers, in pieces, so the heap never holds a whole CSV.
const { kernelTableLookups } = require('../js/kernel-table-lookups.js');

const BATCH = 1 << 14;
const FEED_BYTES = 1 << 16; // kFeedBytes in module.cpp

/** @typedef {import('../api/backend').Backend} Backend */
/** @typedef {import('../api/backend').TableHandle} TableHandle */

/**
 * @param {any} module the Emscripten module
 * @param {{ viewsOfTables?: boolean }} [options] viewsOfTables: false makes every lookup a call into
 *   the module (the study measures what that crossing costs)
 * @returns {Backend}
 */
function wasmBackend(module, { viewsOfTables = true } = {}) {
  const {
    _nvw_fibonacci: fibonacci,
    _nvw_lookup_v4: lookupV4,
    _nvw_lookup_v6: lookupV6,
    _nvw_lookup_text: lookupText,
    _nvw_lookup_batch: lookupBatch,
  } = module;
  // Views of fixed C++ buffers; a view detaches when the heap grows, and is then made again.
  let feed = module.feedInput();
  let text = module.textInput();

  const exhausted = () => new RangeError(module.lastError());

  /** @param {any} table an embind Table @returns {TableHandle} */
  function tableHandle(table) {
    const address = table.address();
    const kernel = {
      lookupV4: (/** @type {number} */ ip) => lookupV4(address, ip),
      lookupV6: (/** @type {number} */ w0, /** @type {number} */ w1, /** @type {number} */ w2, /** @type {number} */ w3) =>
        lookupV6(address, w0, w1, w2, w3),
      lookupText(/** @type {string} */ ip) {
        if (text.byteLength === 0) text = module.textInput();
        const length = ip.length;
        // ASCII copies byte for byte; anything else cannot be part of an address: 0xff marks it.
        for (let i = 0; i < length; i++) {
          const c = ip.charCodeAt(i);
          text[i] = c < 0x80 ? c : 0xff;
        }
        return lookupText(address, length);
      },
    };
    const lookups = kernelTableLookups(viewsOfTables ? () => table.v4Arrays() : () => null, kernel);
    return {
      lookupV4: lookups.lookupV4,
      lookupV6: lookups.lookupV6,
      lookupText: lookups.lookupText,
      lookupIndexes(ips, out) {
        for (let offset = 0; offset < ips.length; offset += BATCH) {
          const count = Math.min(BATCH, ips.length - offset);
          module.batchInput(count).set(ips.subarray(offset, offset + count));
          lookupBatch(address, count);
          out.set(module.batchOutput(count), offset);
        }
      },
      countryCodes: () => table.countryCodes(),
      sizes: () => [table.sizeV4(), table.sizeV6()],
      byteSize: () => table.byteSize(),
      toBinary() {
        const view = table.toBinaryView();
        if (view === null) throw exhausted();
        const bytes = view.slice();
        module.releaseBytes();
        return bytes;
      },
      delete() {
        lookups.release();
        table.delete();
      },
    };
  }

  return {
    fibonacci,
    // No expectedBytes: the C++ builder keeps rows in blocks (src/column.h), which are never copied.
    createBuilder(overlapsError, maxMemory) {
      const builder = new module.Builder(overlapsError, maxMemory);
      const inputBuffer = () => {
        if (feed.byteLength === 0) feed = module.feedInput();
        return feed;
      };
      return {
        feed(bytes) {
          for (let offset = 0; offset < bytes.length; offset += FEED_BYTES) {
            const piece = bytes.subarray(offset, offset + FEED_BYTES);
            inputBuffer().set(piece);
            if (!builder.feedInput(piece.length)) return false;
          }
          return true;
        },
        inputBuffer,
        feedInputBuffer: (length) => builder.feedInput(length),
        finish() {
          const table = builder.finish();
          return table ? tableHandle(table) : null;
        },
        problem: () => builder.error(),
        delete: () => builder.delete(),
      };
    },
    tableFromBinary(bytes) {
      const input = module.snapshotInput(bytes.length);
      if (input === null) throw exhausted();
      input.set(bytes);
      const table = module.fromBinaryInput(bytes.length);
      return table ? tableHandle(table) : { line: 0, detail: module.lastError() };
    },
  };
}

/**
 * Thrown by the loaders before anything else where the runtime has no WebAssembly: otherwise the
 * Emscripten glue fails with a ReferenceError that reads as if index.wasm were the problem.
 */
function noWebAssembly() {
  return new Error(
    'native-vs-wasm: this JavaScript runtime has no WebAssembly, which this package is: it can be turned off ' +
      "(node --jitless or --no-expose-wasm, a browser's strictest security setting)",
  );
}

module.exports = { wasmBackend, noWebAssembly };
