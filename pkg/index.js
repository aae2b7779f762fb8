'use strict';
// native-vs-wasm for Node (CommonJS): the WebAssembly build, ready synchronously on require().
const { createApi } = require('./lib/api.js');
const { loadWasmModule } = require('./lib/wasm-node.js');
const { wasmBackend } = require('./lib/wasm-backend.js');

module.exports = createApi(wasmBackend(loadWasmModule()));
