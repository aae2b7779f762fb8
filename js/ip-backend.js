'use strict';
// The pure-JavaScript IP table backend that the API layer (api/index.js) wraps. Arguments
// arrive checked; errors come back as data (the front end composes and throws them).
const { IpTableBuilder } = require('./ip-table-builder.js');
const { tableFromBinary } = require('./ip-table.js');

/**
 * @param {boolean} overlapsError true for `overlaps: 'error'`, false for 'narrowest'
 * @param {number} maxMemory the memory budget in bytes
 */
function createBuilder(overlapsError, maxMemory) {
  let builder = new IpTableBuilder(overlapsError, maxMemory);
  let failure = null;
  return {
    /** @param {Uint8Array} bytes @returns {boolean} false once an error happened */
    feed(bytes) {
      if (builder === null) return false;
      return builder.feed(bytes);
    },
    /** @returns the table handle, or null on error (see error()) */
    finish() {
      if (builder === null) return null;
      const table = builder.finish();
      failure = builder.error();
      builder = null;
      return table;
    },
    /** @returns {{ line: number, detail: string } | null} */
    error() {
      return builder === null ? failure : builder.error();
    },
    delete() {
      if (builder !== null) failure = builder.error();
      builder = null;
    },
  };
}

module.exports = { createBuilder, tableFromBinary };
