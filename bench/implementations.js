'use strict';
// The runtimes the study compares, and how to load each one inside a Node process.
const path = require('path');

const root = path.join(__dirname, '..');

const RUNTIMES = {
  js: {
    label: 'JS',
    modulePath: path.join(root, 'js'),
    api: () => require(RUNTIMES.js.modulePath),
    // The kernel without the public API's argument checks: what a boundary-cost probe calls.
    raw: () => require(path.join(root, 'js', 'fibonacci.js')),
  },
  'native-gcc': {
    label: 'Native (g++)',
    modulePath: path.join(root, 'native'),
    api: () => require(path.join(root, 'native')),
    raw: () => require(path.join(root, 'native', 'load.js')).loadAddon('gcc'),
  },
  'native-clang': {
    label: 'Native (clang)',
    modulePath: path.join(root, 'native', 'clang.js'),
    api: () => require(path.join(root, 'native', 'clang.js')),
    raw: () => require(path.join(root, 'native', 'load.js')).loadAddon('clang'),
  },
  wasm: {
    label: 'WASM',
    modulePath: path.join(root, 'pkg'),
    api: () => require(path.join(root, 'pkg')),
    // The per-call C export, and a trivial embind call: embind is linked without eval
    // (DYNAMIC_EXECUTION=0) and only used on cold paths, so the study shows what that costs.
    raw: () => {
      const wasm = require(path.join(root, 'pkg', 'lib', 'wasm-node.js')).loadWasmModule();
      return { fibonacci: wasm._nvw_fibonacci, embindCall: () => wasm.heapBytes(), heapBytes: () => wasm.heapBytes() };
    },
  },
};

module.exports = { RUNTIMES, root };
