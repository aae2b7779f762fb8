'use strict';
// The runtimes of the study, each with how it is started and the flavours it can run. Node-API
// hosts (Node, Bun, Deno) run all five; browsers and workerd have no Node-API, so their native
// cells are ✘ with that reason, not attempted.
const path = require('path');
const { binary } = require('../../support/binaries.js');
const { BROWSERS } = require('../../support/browsers.js');

const FLAVOURS = ['js', 'native-gcc', 'native-clang', 'wasm', 'wasm-oz'];
const FLAVOUR_LABELS = {
  js: 'JS',
  'native-gcc': 'Native (g++)',
  'native-clang': 'Native (clang)',
  wasm: 'WASM',
  'wasm-oz': 'WASM + wasm-opt -Oz',
};
const WEB_FLAVOURS = ['js', 'wasm', 'wasm-oz'];
const NO_NODE_API = {
  browser: 'a browser has no Node-API: it cannot load a .node addon',
  workerd: 'workerd runs JavaScript and WebAssembly modules only: no Node-API, no .node addon',
};

const TRACE = '--trace-wasm-inlining';
const thisMajor = process.versions.node.split('.')[0];

const installed = (id) => () => binary(id);
const missingBinary = (id) => () => binary(id).missing ?? null;

const nodeRuntime = (major, bin, missing) => ({
  id: `node${major}`,
  label: `Node ${major}`,
  kind: 'process',
  flavours: FLAVOURS,
  args: [],
  binary: bin,
  missing,
  v8TraceArgs: [TRACE],
});

const RUNTIMES = [
  // The Node that runs the bench (20 here) and the npm-installed ones (not its own major twice).
  nodeRuntime(
    thisMajor,
    () => ({ file: process.execPath, version: process.version }),
    () => null,
  ),
  ...['22', '24', '26'].filter((m) => m !== thisMajor).map((m) => nodeRuntime(m, installed(`node${m}`), missingBinary(`node${m}`))),
  {
    id: 'bun',
    label: 'Bun',
    kind: 'process',
    flavours: FLAVOURS,
    args: ['--no-install'],
    binary: installed('bun'),
    missing: missingBinary('bun'),
  },
  {
    id: 'deno',
    label: 'Deno',
    kind: 'process',
    flavours: FLAVOURS,
    // --allow-read for the CSV, the package and the addon; Node-API needs --allow-ffi.
    args: ['run', '--allow-read', '--allow-ffi'],
    v8TraceArgs: ['run', '--allow-read', `--v8-flags=${TRACE}`],
    env: (dir) => ({ DENO_NO_UPDATE_CHECK: '1', DENO_DIR: path.join(dir, '.deno') }),
    binary: installed('deno'),
    missing: missingBinary('deno'),
  },
  ...[
    ['chromium', 'Chromium'],
    ['firefox', 'Firefox'],
    ['webkit', 'WebKit'],
  ].map(([id, label]) => ({
    id,
    label,
    kind: 'browser',
    flavours: WEB_FLAVOURS,
    missing: () => BROWSERS[id].missing(),
  })),
  { id: 'workerd', label: 'workerd', kind: 'workerd', flavours: WEB_FLAVOURS, missing: missingBinary('workerd') },
];

const RUNTIME_IDS = RUNTIMES.map((r) => r.id);

module.exports = { RUNTIMES, RUNTIME_IDS, FLAVOURS, FLAVOUR_LABELS, NO_NODE_API };
