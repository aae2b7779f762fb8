// Types of the browser / web worker / bundler entry (web.mjs), in the style of
// `wasm-pack --target web`: `await init()` once, then use the API synchronously.
export * from './index.js'; // the API and every type of it (init, the default export, is this entry's own)
import type { InitInput } from './index.js';

/**
 * Loads and instantiates the WebAssembly module. Call it, and wait for it, before anything else:
 * until it has resolved, `fibonacci` and every `IpCountryTable` builder throw an `Error`.
 * Idempotent: later calls return the first call's promise. A failed load rejects and can be retried.
 *
 * @param input by default `new URL('index.wasm', import.meta.url)` (webpack, Vite and Parcel emit the
 *   file themselves; with Rollup, copy it next to the output); pass a URL for bundlers that do not
 *   follow that pattern (esbuild: `import wasmUrl from 'native-vs-wasm/index.wasm'` with
 *   `--loader:.wasm=file`). A failed fetch rejects with an `Error` naming the URL and the HTTP
 *   status; a response that is not WebAssembly (an HTML fallback page) is named as such.
 *
 * In the browser, `IpCountryTable.fromFile` throws an `Error`: use `fromCsv(bytes)` or
 * `fromStream((await fetch(url)).body)`.
 */
export default function init(input?: InitInput | PromiseLike<InitInput>): Promise<void>;
