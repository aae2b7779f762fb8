'use strict';
// The one list of implementations, imported by the tests, the bench and the build: each one's id
// (results and file names), display name, entry module, how to load it, what a boundary-cost probe
// calls, its API with a kernel call per lookup, and how to read memory it holds outside the
// JavaScript heap.
const path = require('path');

const root = path.join(__dirname, '..');
const wasmModule = () => require(path.join(root, 'pkg', 'lib', 'wasm', 'node.js')).loadWasmModule();
const addon = (compiler) => require(path.join(root, 'native', 'load.js')).loadAddon(compiler);
const createApi = (backend) => require(path.join(root, 'api', 'index.js')).createApi(backend, { fs: require('fs') });
// The public API with every lookup a call into the kernel (instead of JavaScript searching the
// kernel table's arrays in place): the study measures what crossing the boundary per IP costs, and
// the differential tests check both ways answer alike.
const nativePerCall = (compiler) =>
  createApi(require(path.join(root, 'native', 'backend.js')).nativeBackend(compiler, { viewsOfTables: false }));

const IMPLEMENTATIONS = [
  {
    id: 'js',
    label: 'JS',
    entry: path.join(root, 'js', 'index.js'),
    // The kernel without the public API's argument checks: what a boundary-cost probe calls.
    raw: () => require(path.join(root, 'js', 'fibonacci.js')),
  },
  {
    id: 'native-gcc',
    label: 'Native (g++)',
    entry: path.join(root, 'native', 'index.js'),
    compiler: 'gcc',
    raw: () => addon('gcc'),
    perCall: () => nativePerCall('gcc'),
  },
  {
    id: 'native-clang',
    label: 'Native (clang)',
    entry: path.join(root, 'native', 'clang.js'),
    compiler: 'clang',
    raw: () => addon('clang'),
    perCall: () => nativePerCall('clang'),
  },
  {
    id: 'wasm',
    label: 'WASM',
    entry: path.join(root, 'pkg', 'index.js'),
    // The per-call C export, and a trivial embind call: embind is linked without eval
    // (DYNAMIC_EXECUTION=0) and only used on cold paths, so the study shows what that costs.
    raw: () => {
      const wasm = wasmModule();
      return { fibonacci: wasm._nvw_fibonacci, embindCall: () => wasm.heapBytes() };
    },
    // The same kind of embind call linked with eval (embind's default, what the package used before
    // it linked without): bench/wasm/embind_probe.cpp, built into build/wasm; null if not built.
    embindWithEval: async () => {
      const file = path.join(root, 'build', 'wasm', 'nvw_embind_probe_eval1.js');
      if (!require('fs').existsSync(file)) return null;
      const probe = await require(file)();
      return () => probe.probeCall();
    },
    perCall: () =>
      createApi(require(path.join(root, 'pkg', 'lib', 'wasm', 'backend.js')).wasmBackend(wasmModule(), { viewsOfTables: false })),
    // Its linear memory: it only grows, and JavaScript's GC does not see it.
    outsideHeapBytes: () => wasmModule().heapBytes(),
  },
].map((implementation) => ({
  outsideHeapBytes: () => 0,
  perCall: null, // no boundary to cross
  ...implementation,
  load: () => require(implementation.entry),
}));

const byId = Object.fromEntries(IMPLEMENTATIONS.map((implementation) => [implementation.id, implementation]));

/** The implementation whose entry module is `modulePath` (a path as the registry or `require.resolve` spells it). */
function byEntry(modulePath) {
  const file = require.resolve(modulePath);
  const found = IMPLEMENTATIONS.find((implementation) => implementation.entry === file);
  if (!found)
    throw new RangeError(`${modulePath} is not the entry of an implementation (${IMPLEMENTATIONS.map((i) => i.entry).join(', ')})`);
  return found;
}

module.exports = { IMPLEMENTATIONS, byId, byEntry, root };
