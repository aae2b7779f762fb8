// What V8 decides about inlining the wasm fib into itself, for one wasm build: calls fib often
// enough for the optimising tier, under --trace-wasm-inlining (the runner parses V8's trace).
//   <runtime> <V8 flag> probe-inlining.mjs '<json: { root, wasmFile }>'
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { root, wasmFile } = JSON.parse(process.argv[2]);
// The package's own Node loader, on the folder that holds this build's index.wasm.
const api = require(`${root}/pkg/lib/wasm/node.js`).nodeApi(path.dirname(wasmFile));
let sum = 0;
for (let i = 0; i < 30; i++) sum += api.fibonacci(27);
console.log(`NVW-PROBE ${JSON.stringify({ ok: true, sum })}`);
