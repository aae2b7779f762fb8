'use strict';
// The runtimes the study compares, and how to load each one inside a Node process.
const path = require('path');

const root = path.join(__dirname, '..');

const RUNTIMES = {
  js: {
    label: 'JS',
    api: () => require(path.join(root, 'js')),
    // The kernel without the public API's argument checks: what a boundary-cost probe calls.
    raw: () => require(path.join(root, 'js', 'fibonacci.js')),
  },
  'native-gcc': {
    label: 'Native (g++)',
    api: () => require(path.join(root, 'native')),
    raw: () => require(path.join(root, 'native', 'load.js')).loadAddon('gcc'),
  },
  'native-clang': {
    label: 'Native (clang)',
    api: () => require(path.join(root, 'native', 'clang.js')),
    raw: () => require(path.join(root, 'native', 'load.js')).loadAddon('clang'),
  },
  wasm: {
    label: 'WASM',
    api: () => require(path.join(root, 'pkg')),
    raw: () => require(path.join(root, 'pkg', 'lib', 'wasm-node.js')).loadWasmModule(),
  },
};

module.exports = { RUNTIMES, root };
