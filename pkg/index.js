'use strict';
// native-vs-wasm for Node (CommonJS): the WebAssembly build, ready synchronously on require().
const { nodeApi } = require('./lib/wasm/node.js');

// index.wasm is next to this file: in the package or, once bundled, next to the bundle.
// Its `default` is init(), as in the browser entry; with __esModule, TypeScript resolving this
// file's types (moduleResolution "node") compiles `import init, { ... } from 'native-vs-wasm'`.
module.exports = nodeApi(__dirname);
Object.defineProperty(module.exports, '__esModule', { value: true });
