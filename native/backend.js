// @ts-check
'use strict';
// Adapts the Node-API addon to the backend contract of the API layer (api/backend.d.ts; types
// only). A table is an External the addon's plain functions take as their first argument.
const { loadAddon } = require('./load.js');
const { kernelTableLookups } = require('../js/kernel-table-lookups.js');

/** @typedef {import('../api/backend').Backend} Backend */
/** @typedef {import('../api/backend').TableHandle} TableHandle */

/**
 * @param {'gcc' | 'clang'} compiler
 * @param {{ viewsOfTables?: boolean }} [options] viewsOfTables: false makes every lookup a call into
 *   the addon (the study measures what that crossing costs)
 * @returns {Backend}
 */
function nativeBackend(compiler, { viewsOfTables = true } = {}) {
  const addon = loadAddon(compiler);
  /** @returns {TableHandle} */
  const tableHandle = (/** @type {unknown} */ table) => {
    const kernel = {
      lookupV4: (/** @type {number} */ ip) => addon.lookupV4(table, ip),
      lookupV6: (/** @type {number} */ w0, /** @type {number} */ w1, /** @type {number} */ w2, /** @type {number} */ w3) =>
        addon.lookupV6(table, w0, w1, w2, w3),
      lookupText: (/** @type {string} */ ip) => addon.lookupText(table, ip),
    };
    // IPv6 text whole to the addon: its C++ parse and one call take ~200 ns here, against ~310 for
    // parsing in JavaScript and calling lookupV6 (a table of both families, Node 20).
    const lookups = kernelTableLookups(viewsOfTables ? () => v4Arrays(table) : () => null, kernel, { kernelParsesIPv6Text: true });
    return {
      lookupV4: lookups.lookupV4,
      lookupV6: lookups.lookupV6,
      lookupText: lookups.lookupText,
      lookupIndexes: (ips, out) => addon.lookupIndexes(table, ips, out),
      countryCodes: () => addon.countryCodes(table),
      sizes: () => addon.sizes(table),
      byteSize: () => addon.byteSize(table),
      toBinary: () => addon.toBinary(table),
      delete() {
        lookups.release();
        addon.deleteTable(table);
      },
    };
  };
  /** External ArrayBuffers over the table's IPv4 arrays as typed arrays, or null (addon.cpp: V4Arrays). */
  const v4Arrays = (/** @type {unknown} */ table) => {
    const buffers = addon.v4Arrays(table);
    if (buffers === null) return null;
    const [starts, countries, index] = buffers;
    return /** @type {[Uint32Array, Uint8Array, Uint32Array | null]} */ ([
      new Uint32Array(starts),
      new Uint8Array(countries),
      index === null ? null : new Uint32Array(index),
    ]);
  };
  return {
    fibonacci: addon.fibonacci,
    // No expectedBytes: the C++ builder keeps rows in blocks (src/column.h), which are never copied.
    createBuilder(overlapsError, maxMemory) {
      const builder = new addon.Builder(overlapsError, maxMemory);
      return {
        feed: (bytes) => builder.feed(bytes),
        finish() {
          const table = builder.finish();
          return table && tableHandle(table);
        },
        problem: () => builder.error(),
        delete: () => builder.delete(),
      };
    },
    tableFromBinary(bytes) {
      const result = addon.tableFromBinary(bytes);
      return typeof result === 'string' ? { line: 0, detail: result } : tableHandle(result);
    },
  };
}

module.exports = { nativeBackend };
