// native-vs-wasm for Node as an ES module: the CommonJS build (one instance, no dual-package
// hazard), re-exported with named exports. Ready on import, like `wasm-pack --target nodejs`.
import api from './index.js';

export const { fibonacci, IpCountryTable, CsvError } = api;

// init(): nothing to wait for in Node; resolves at once (and ignores the browser's argument), so
// code written for the browser entry (`await init()`) runs unchanged.
export default api.default;
