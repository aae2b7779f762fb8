'use strict';
// Node, Bun and Deno: one process per flavour (host.mjs in the bench directory), so one flavour's
// JIT state and memory never colour another's; for V8 hosts also V8's inlining trace per wasm build.
const path = require('path');
const { runMarked } = require('../../support/run-marked.js');
const { probeInlining } = require('./inlining.js');

/**
 * @param {object} runtime an entry of runtimes.js (kind 'process')
 * @param {{ dir: string, root: string, wasm: object, settings: object, flavours: string[], probe?: boolean }} ctx
 */
async function runProcessRuntime(runtime, { dir, root, wasm, settings, flavours, probe = true }) {
  const { file } = runtime.binary();
  const env = runtime.env?.(dir) ?? {};
  const cells = {};
  for (const flavour of flavours) {
    const params = { flavour, root, wasmFile: wasm[flavour] ?? null, csvFile: path.join(dir, 'ipv4.csv'), settings };
    cells[flavour] = await runMarked(file, [...runtime.args, path.join(dir, 'host.mjs'), JSON.stringify(params)], {
      marker: 'NVW-BENCH',
      cwd: dir,
      env,
      timeout: 180_000,
    });
  }
  let inlining = null;
  if (runtime.v8TraceArgs && probe) {
    inlining = {};
    for (const [flavour, wasmFile] of Object.entries(wasm)) {
      inlining[flavour] = await probeInlining({ file, flagArgs: runtime.v8TraceArgs, dir, root, wasmFile, env });
    }
  }
  return { cells, inlining };
}

module.exports = { runProcessRuntime };
