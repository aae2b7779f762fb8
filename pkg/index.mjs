// native-vs-wasm for Node as an ES module: the API of the CommonJS entry (one instance, no
// dual-package hazard), with named exports. Ready on import, like `wasm-pack --target nodejs`.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import wasmNode from './lib/wasm/node.js';

// index.wasm is next to this file: in the package or, once bundled, next to the bundle. (In a
// CommonJS bundle, esbuild --format=cjs, import.meta is empty and __dirname is the bundle's folder.)
// Not new URL('.', import.meta.url): Vite (and so Vitest, with the package inlined) rewrites that
// pattern into its dev server's http: URL of an asset.
const api = wasmNode.nodeApi(import.meta.url ? dirname(fileURLToPath(import.meta.url)) : __dirname);

export const { fibonacci, IpCountryTable, CsvError } = api;

// init(): nothing to wait for in Node; resolves at once (and ignores the browser's argument), so
// code written for the browser entry (`await init()`) runs unchanged.
export default api.default;
