'use strict';
// Instantiates the embind module for Node, synchronously (like `wasm-pack --target nodejs`).
const fs = require('fs');
const path = require('path');

const pkgRoot = path.join(__dirname, '..');

let instance;

/** The module instance of this process (created on first use). */
function loadWasmModule() {
  if (!instance) instance = instantiate();
  return instance;
}

function instantiate() {
  const gluePath = path.join(pkgRoot, 'emscripten', 'node.cjs');
  const wasmPath = path.join(pkgRoot, 'index.wasm');
  let createNvwModule;
  let wasmBinary;
  try {
    createNvwModule = require(gluePath);
    wasmBinary = fs.readFileSync(wasmPath);
  } catch (cause) {
    throw new Error(
      `native-vs-wasm: the WebAssembly build is missing (${wasmPath} or ${gluePath}). ` +
        'In the source tree, run `npm run build`.',
      { cause },
    );
  }
  // Handing over the bytes keeps Emscripten 3.1.6 from fetch()ing a file path (fails on Node >= 18).
  // A library has no output of its own and never ends its host: the glue's print/printErr (abort
  // messages; the thrown error says the same) go nowhere, and exit() would throw, not quit Node.
  return createNvwModule({
    wasmBinary,
    print() {},
    printErr() {},
    quit(status, error) {
      throw error;
    },
  });
}

module.exports = { loadWasmModule };
