// native-vs-wasm for Node as an ES module: the CommonJS build (one instance, no dual-package
// hazard), re-exported with named exports. Ready on import, like `wasm-pack --target nodejs`.
import api from './index.js';

export const { fibonacci, IpCountryTable, CsvError } = api;

/**
 * Nothing to wait for in Node (the module is compiled on import); resolves at once. Exists so code
 * written for the browser entry (`await init()`) runs unchanged in Node.
 */
export default function init() {
  return Promise.resolve();
}
