'use strict';
// The implementations every conformance suite runs against, loaded lazily so a failure to load one
// is reported as that implementation's failure.
const path = require('path');

const root = path.join(__dirname, '..');

const IMPLEMENTATIONS = [
  { name: 'js', entry: path.join(root, 'js', 'index.js') },
  { name: 'native (g++)', entry: path.join(root, 'native', 'index.js') },
  { name: 'native (clang)', entry: path.join(root, 'native', 'clang.js') },
  { name: 'pkg (wasm)', entry: path.join(root, 'pkg', 'index.js') },
].map((implementation) => ({ ...implementation, load: () => require(implementation.entry) }));

module.exports = { IMPLEMENTATIONS, root };
