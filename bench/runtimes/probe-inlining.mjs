// What V8 decides about inlining the wasm fib into itself, for one wasm build: calls fib often
// enough for the optimising tier, under --trace-wasm-inlining (the runner parses V8's trace).
//   <runtime> <V8 flag> probe-inlining.mjs '<json: { root, wasmFile }>'
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { root, wasmFile } = JSON.parse(process.argv[2]);
const { createApi } = require(`${root}/pkg/lib/api.js`);
const { wasmBackend } = require(`${root}/pkg/lib/wasm-backend.js`);
const createNvwModule = require(`${root}/pkg/emscripten/node.cjs`);
const api = createApi(wasmBackend(createNvwModule({ wasmBinary: fs.readFileSync(wasmFile), print() {}, printErr() {} })));
let sum = 0;
for (let i = 0; i < 30; i++) sum += api.fibonacci(27);
console.log(`NVW-PROBE ${JSON.stringify({ ok: true, sum })}`);
