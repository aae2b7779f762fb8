// The study's entry for the Node-API hosts (Node, Bun, Deno): loads one flavour from the source
// tree, reads the CSV, runs suite.mjs and prints one line: NVW-BENCH {json}. Bundled by bundle.js.
//   <runtime> host.mjs '<json: { flavour, root, wasmFile, csvFile, settings }>'
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { measure } from './suite.mjs';
import { engine } from '../../support/engine.mjs';

const require = createRequire(import.meta.url);
const { flavour, root, wasmFile, csvFile, settings } = JSON.parse(process.argv[2]);

// A wasm build other than the shipped one, through the package's own Node loader: it takes the
// folder that holds index.wasm.
const wasmFrom = (file) => require(`${root}/pkg/lib/wasm/node.js`).nodeApi(path.dirname(file));

const LOADERS = {
  js: () => require(`${root}/js`),
  'native-gcc': () => require(`${root}/native`),
  'native-clang': () => require(`${root}/native/clang.js`),
  wasm: () => require(`${root}/pkg`), // what users get
  'wasm-oz': () => wasmFrom(wasmFile),
};

const describe = (error) => String((error && error.message) || error).split('\n')[0];

async function main() {
  const start = performance.now();
  let api;
  try {
    api = LOADERS[flavour]();
  } catch (error) {
    return { ok: false, stage: 'load', error: describe(error) };
  }
  const loadMs = performance.now() - start;
  const csv = new Uint8Array(fs.readFileSync(csvFile));
  return { ok: true, engine: engine(), loadMs, ...(await measure(api, csv, settings)) };
}

main().then(
  (result) => console.log(`NVW-BENCH ${JSON.stringify(result)}`),
  (error) => console.log(`NVW-BENCH ${JSON.stringify({ ok: false, stage: 'measure', error: describe(error) })}`),
);
