// @ts-check
'use strict';
// Adapts the Node-API addon to the backend contract of the API layer (api/backend.d.ts; types
// only). A table is an External the addon's plain functions take as their first argument.
const { loadAddon } = require('./load.js');

/** @typedef {import('../api/backend').Backend} Backend */
/** @typedef {import('../api/backend').TableHandle} TableHandle */

/** @param {'gcc' | 'clang'} compiler @returns {Backend} */
function nativeBackend(compiler) {
  const addon = loadAddon(compiler);
  /** @returns {TableHandle} */
  const tableHandle = (/** @type {unknown} */ table) => ({
    lookupV4: (ip) => addon.lookupV4(table, ip),
    lookupV6: (w0, w1, w2, w3) => addon.lookupV6(table, w0, w1, w2, w3),
    lookupText: (ip) => addon.lookupText(table, ip),
    lookupIndexes: (ips, out) => addon.lookupIndexes(table, ips, out),
    countryCodes: () => addon.countryCodes(table),
    sizes: () => addon.sizes(table),
    byteSize: () => addon.byteSize(table),
    toBinary: () => addon.toBinary(table),
    delete: () => addon.deleteTable(table),
  });
  return {
    fibonacci: addon.fibonacci,
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
