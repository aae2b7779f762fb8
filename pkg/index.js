'use strict';
// native-vs-wasm for Node (CommonJS): the WebAssembly build, compiled synchronously on require(),
// like `wasm-pack --target nodejs`.
const fs = require('fs');
const path = require('path');
const { createApi } = require('./lib/api.js');

function loadWasm() {
  const gluePath = path.join(__dirname, 'emscripten', 'node.cjs');
  const wasmPath = path.join(__dirname, 'index.wasm');
  let createNvwModule;
  let wasmBinary;
  try {
    createNvwModule = require(gluePath);
    wasmBinary = fs.readFileSync(wasmPath);
  } catch (cause) {
    throw new Error(
      `native-vs-wasm: the WebAssembly build is missing (${path.basename(wasmPath)} and emscripten/node.cjs ` +
        `next to ${__filename}). In the source tree, run \`npm run build\`.`,
      { cause },
    );
  }
  // Handing over the bytes keeps Emscripten from fetch()ing a file path (fails on Node >= 18).
  return createNvwModule({ wasmBinary });
}

module.exports = createApi(loadWasm());
