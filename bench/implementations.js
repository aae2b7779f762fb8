'use strict';
// The runtimes the study compares, keyed by id, from the one list (support/implementations.js).
const { IMPLEMENTATIONS, root } = require('../support/implementations.js');

const RUNTIMES = Object.fromEntries(
  IMPLEMENTATIONS.map((implementation) => [
    implementation.id,
    { ...implementation, modulePath: implementation.entry, api: implementation.load },
  ]),
);

module.exports = { RUNTIMES, root };
