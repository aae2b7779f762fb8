'use strict';
// native-vs-wasm for Node (CommonJS): the WebAssembly build, ready synchronously on require().
const { createApi } = require('./lib/api.js');
const { loadWasmModule } = require('./lib/wasm-node.js');
const { wasmBackend } = require('./lib/wasm-backend.js');

const api = createApi(wasmBackend(loadWasmModule()));

/**
 * Nothing to wait for in Node (the module is compiled on require); resolves at once, and takes (and
 * ignores) the browser entry's argument, so code written for browsers (`await init()`) runs here.
 */
function init() {
  return Promise.resolve();
}

// `default` is init, as in the browser entry: TypeScript resolving this file's types (e.g.
// moduleResolution "node") then compiles `import init, { ... } from 'native-vs-wasm'`.
module.exports = { ...api, default: init };
Object.defineProperty(module.exports, '__esModule', { value: true });
