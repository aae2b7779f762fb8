'use strict';
// The implementations every conformance suite runs against, loaded lazily so a failure to load one
// is reported as that implementation's failure.
const path = require('path');

const root = path.join(__dirname, '..');

const IMPLEMENTATIONS = [
  { name: 'js', load: () => require(path.join(root, 'js')) },
  { name: 'native (g++)', load: () => require(path.join(root, 'native')) },
  { name: 'native (clang)', load: () => require(path.join(root, 'native', 'clang.js')) },
  { name: 'pkg (wasm)', load: () => require(path.join(root, 'pkg')) },
];

module.exports = { IMPLEMENTATIONS, root };
