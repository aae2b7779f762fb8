'use strict';
// The two WebAssembly builds the study compares: pkg/index.wasm as shipped, and the same module
// post-optimised by binaryen's `wasm-opt -Oz` (npm `binaryen`, pinned). The second is made here,
// once per pkg/index.wasm (cached in build/bench/wasm-oz/ next to a hash of its input). Each build
// is named index.wasm in a folder of its own: the package's Node loader takes that folder.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const SHIPPED = path.join(root, 'pkg', 'index.wasm');
const WASM_OPT = path.join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
const WASM_OPT_ARGS = ['-Oz'];

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * wasm-opt -Oz of the shipped module into `out`. The module carries no target-features section
 * (Emscripten strips it) and wasm-opt assumes the MVP, but newer Emscripten emits post-MVP
 * operations (memory.copy, trunc_sat). So the features are the shortest prefix of FEATURES the
 * module validates with: what the build already uses, nothing it did not.
 */
const FEATURES = [
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-multivalue',
  '--enable-reference-types',
];

function optimise(out) {
  const run = (args) => execFileSync(process.execPath, [WASM_OPT, SHIPPED, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const failure = (args, error) =>
    new Error(
      `wasm-opt ${args.join(' ')} failed: ${
        String(error.stderr || error.message)
          .trim()
          .split('\n')[0]
      }`,
    );
  let features = null;
  let firstError = null;
  for (let k = 0; k <= FEATURES.length && features === null; k++) {
    try {
      run([...FEATURES.slice(0, k), '-o', out]); // validates, no passes
      features = FEATURES.slice(0, k);
    } catch (error) {
      firstError ??= error;
    }
  }
  if (features === null) throw failure(['(validation)'], firstError);
  const args = [...WASM_OPT_ARGS, ...features, '-o', out];
  try {
    run(args);
  } catch (error) {
    throw failure(args, error);
  }
}

/** { wasm: file, 'wasm-oz': file } — throws with wasm-opt's words when it cannot make the second. */
function wasmVariants() {
  const dir = path.join(root, 'build', 'bench', 'wasm-oz');
  const out = path.join(dir, 'index.wasm');
  const stamp = `${out}.input-sha256`;
  const input = sha256(SHIPPED);
  if (!fs.existsSync(out) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== input) {
    fs.mkdirSync(dir, { recursive: true });
    optimise(out);
    fs.writeFileSync(stamp, input);
  }
  return { wasm: SHIPPED, 'wasm-oz': out };
}

module.exports = { wasmVariants, WASM_OPT_ARGS };
