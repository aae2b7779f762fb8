'use strict';
// (Runs from pkg/lib/wasm/node.js, where the build copies it: its paths are the package's.)
// The WebAssembly build for Node, instantiated synchronously (like `wasm-pack --target nodejs`): one
// module and one API per process, whichever entry (index.js, index.mjs) asks first. It also works
// inlined into a bundle (esbuild --bundle --platform=node, CommonJS or ES module output): the glue is
// a static require, which bundlers inline, and the entry says which folder holds index.wasm — the
// package's own, or the bundle's.
const { createApi } = require('../api/index.js');
const { wasmBackend, noWebAssembly } = require('./backend.js');

// process.getBuiltinModule (Node >= 20.16) also works in ES module bundles, where CommonJS code has
// no require (esbuild's stand-in throws 'Dynamic require of "fs" is not supported').
const fs = process.getBuiltinModule?.('fs') ?? require('fs');
const path = process.getBuiltinModule?.('path') ?? require('path');

let instance;
let api;

/**
 * The module instance of this process (created on first use) from `file`: index.wasm in `dir` (the
 * package's folder, or the bundle's), or where a bundler that emits it as an asset put it.
 */
function loadWasmModule(dir = path.join(__dirname, '..', '..'), file = path.join(dir, 'index.wasm')) {
  if (!instance) {
    const bun = bunExecutableDir();
    instance = bun === null ? instantiate(dir, file) : instantiate(bun, path.join(bun, 'index.wasm'));
  }
  return instance;
}

// In a `bun build --compile` executable, the files it embeds are in Bun's virtual /$bunfs (B:\~BUN
// on Windows), next to its entry (Bun.main); `--asset-naming='[name].[ext]'` puts index.wasm there.
// `dir` would still name the folder it was compiled in (a CommonJS __dirname, or any entry with
// --bytecode), which the machine it runs on need not have.
function bunExecutableDir() {
  const main = globalThis.Bun?.main;
  return typeof main === 'string' && (main.startsWith('/$bunfs/') || /^B:[\\/]~BUN[\\/]/.test(main)) ? path.dirname(main) : null;
}

/** The public API over that instance. */
function nodeApi(dir, file) {
  if (!api) api = createApi(wasmBackend(loadWasmModule(dir, file)), { fs });
  return api;
}

function instantiate(dir, wasmPath) {
  if (typeof WebAssembly !== 'object') throw noWebAssembly();
  let createNvwModule;
  let wasmBinary;
  try {
    createNvwModule = require('../../emscripten/node.cjs');
  } catch (cause) {
    if (cause.code !== 'MODULE_NOT_FOUND') throw cause;
    throw new Error(missing(dir, path.join(dir, 'emscripten', 'node.cjs')), { cause });
  }
  try {
    wasmBinary = fs.readFileSync(wasmPath);
  } catch (cause) {
    throw new Error(cause.code === 'ENOENT' ? missing(dir, wasmPath) : `native-vs-wasm: could not read ${wasmPath}: ${cause.message}`, {
      cause,
    });
  }
  try {
    // A library has no output of its own: the glue's print/printErr (abort messages; the thrown
    // error says the same) go nowhere. (Built for no host, the glue has no exit() into Node.)
    return createNvwModule({ wasmBinary, print() {}, printErr() {} });
  } catch (cause) {
    throw new Error(
      `native-vs-wasm: could not instantiate ${wasmPath} (is it the index.wasm of this version of native-vs-wasm?): ${cause}`,
      { cause },
    );
  }
}

// What to do about a missing file depends on where `dir` is: the package in its source tree (build
// it), an installed package (broken: reinstall) or, when it is not the package at all, the folder of
// a bundle (the app must ship index.wasm next to it).
function missing(dir, file) {
  let ours = false;
  try {
    ours = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'native-vs-wasm';
  } catch {}
  if (ours && fs.existsSync(path.join(dir, '..', 'CMakeLists.txt'))) {
    return `native-vs-wasm: the WebAssembly build is missing (${file}). In the source tree, run \`npm run build\`.`;
  }
  if (ours) return `native-vs-wasm: ${file} is missing from the installed package; reinstall native-vs-wasm`;
  // A `bun build --compile` executable: its files live in a virtual /$bunfs, which nobody can copy
  // into; the module must be embedded when compiling.
  if (file.startsWith('/$bunfs/') || file.startsWith('B:\\~BUN\\')) {
    return (
      `native-vs-wasm: its WebAssembly module is not embedded in this executable (${file}). Compile with it as an ` +
      "asset: bun build --compile <your entry> node_modules/native-vs-wasm/index.wasm --asset-naming='[name].[ext]'"
    );
  }
  // A bundle that kept the package's path on the machine that built it (Next.js's webpack build
  // does, through import.meta.url), run where that folder is not: copying "next to the bundle"
  // would not help, keeping the package out of the bundle does.
  if (path.basename(dir) === 'native-vs-wasm' && path.basename(path.dirname(dir)) === 'node_modules' && !fs.existsSync(dir)) {
    return (
      `native-vs-wasm: its WebAssembly module is not at ${file}, where the package was when this app was bundled ` +
      '(the bundler kept that path; the app runs elsewhere now). Leave the package out of the bundle, so that it loads ' +
      "from the app's node_modules (Next.js: serverExternalPackages: ['native-vs-wasm']), or ship index.wasm to that path"
    );
  }
  return (
    `native-vs-wasm: its WebAssembly module is not at ${file}. In a bundled app, copy index.wasm from the ` +
    `native-vs-wasm package (node_modules/native-vs-wasm/index.wasm) next to the bundle: to ${file}`
  );
}

module.exports = { loadWasmModule, nodeApi };
