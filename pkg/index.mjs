// native-vs-wasm for Node as an ES module: the API of the CommonJS entry (one instance, no
// dual-package hazard), with named exports. Ready on import, like `wasm-pack --target nodejs`.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import wasmNode from './lib/wasm/node.js';

// index.wasm is next to this file: in the package or, once bundled, next to the bundle. (In a
// CommonJS bundle, esbuild --format=cjs, import.meta is empty and __dirname is the bundle's folder.)
// Bundlers that emit new URL('./index.wasm', import.meta.url) as an asset (webpack) rewrite it to
// where the file is at run time, while their import.meta.url alone stays the build machine's.
// Vite's dev server (Vitest, with the package inlined) rewrites it to an http: URL of its own:
// then the file next to this one.
const asset = import.meta.url ? new URL('./index.wasm', import.meta.url) : null;
const assetFile = asset?.protocol === 'file:' ? fileURLToPath(asset) : null;
const api = assetFile
  ? wasmNode.nodeApi(dirname(assetFile), assetFile)
  : wasmNode.nodeApi(import.meta.url ? dirname(fileURLToPath(import.meta.url)) : __dirname);

export const { fibonacci, IpCountryTable, CsvError } = api;

// init(): nothing to wait for in Node; it checks the browser entry's argument but loads nothing,
// so code written for the browser entry (`await init()`) runs unchanged.
export default api.default;
