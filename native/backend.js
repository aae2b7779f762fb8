'use strict';
// Adapts the Node-API addon to the backend contract of pkg/lib/api.js (types only).
const { loadAddon } = require('./load.js');

/** @param {'gcc' | 'clang'} compiler */
function nativeBackend(compiler) {
  const addon = loadAddon(compiler);
  return {
    fibonacci: addon.fibonacci,
    createBuilder: (overlapsError) => new addon.Builder(overlapsError),
    tableFromBinary: addon.tableFromBinary,
  };
}

module.exports = { nativeBackend };
