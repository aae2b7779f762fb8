// native-vs-wasm for Node as an ES module: the API of the CommonJS entry (one instance, no
// dual-package hazard), with named exports. Ready on import, like `wasm-pack --target nodejs`.
import { fileURLToPath } from 'node:url';
import wasmNode from './lib/wasm/node.js';

// index.wasm is next to this file: in the package or, once bundled, next to the bundle. (In a
// CommonJS bundle, esbuild --format=cjs, import.meta is empty and __dirname is the bundle's folder.)
const api = wasmNode.nodeApi(import.meta.url ? fileURLToPath(new URL('.', import.meta.url)) : __dirname);

export const { fibonacci, IpCountryTable, CsvError } = api;

// init(): nothing to wait for in Node; resolves at once (and ignores the browser's argument), so
// code written for the browser entry (`await init()`) runs unchanged.
export default api.default;
