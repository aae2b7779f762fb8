// @ts-check
'use strict';
// The pure-JavaScript backend that the API layer (api/index.js) wraps (the contract:
// api/backend.d.ts). Arguments arrive checked; problems come back as data.
const { fibonacci } = require('./fibonacci.js');
const { IpTableBuilder } = require('./ip-table-builder.js');
const { tableFromBinary } = require('./ip-table.js');

/** @typedef {import('../api/backend').Backend} Backend */

/** @type {Backend['createBuilder']} */
function createBuilder(overlapsError, maxMemory, expectedBytes) {
  /** @type {IpTableBuilder | null} */
  let builder = new IpTableBuilder(overlapsError, maxMemory, expectedBytes);
  /** @type {import('../api/backend').Problem | null} */
  let failure = null;
  return {
    feed(bytes) {
      if (builder === null) return false;
      return builder.feed(bytes);
    },
    finish() {
      if (builder === null) return null;
      const table = builder.finish();
      failure = builder.error();
      builder = null;
      return table;
    },
    problem() {
      return builder === null ? failure : builder.error();
    },
    delete() {
      if (builder !== null) failure = builder.error();
      builder = null;
    },
  };
}

/** @type {Backend} */
const backend = {
  fibonacci,
  createBuilder,
  tableFromBinary(bytes) {
    const table = tableFromBinary(bytes);
    return typeof table === 'string' ? { line: 0, detail: table } : table;
  },
};

module.exports = { backend };
