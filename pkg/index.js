'use strict';
// native-vs-wasm for Node (CommonJS): the WebAssembly build, ready synchronously on require().
const { nodeApi } = require('./lib/wasm-node.js');

// index.wasm is next to this file: in the package or, once bundled, next to the bundle.
module.exports = nodeApi(__dirname);
