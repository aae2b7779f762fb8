// native-vs-wasm for browsers, web workers and bundlers (webpack, Vite, Rollup, Parcel, esbuild), in
// the style of `wasm-pack --target web`: import, `await init()` once, then call synchronously.
//
//   import init, { fibonacci, IpCountryTable } from 'native-vs-wasm';
//   await init();                   // fetches index.wasm next to this file (bundlers emit it)
//   await init(wasmUrl);            // or from a URL, a Response, bytes or a WebAssembly.Module
//
// This is the source of web.mjs, not shipped itself: scripts/build.js bundles it with the CommonJS
// modules of lib/ it imports (the API layer the Node build shares) into web.mjs, one ES module, so a
// browser with an import map, a CDN or Rollup without its CommonJS plugin can load the package.
// It stays next to web.mjs so that its relative paths (the glue, index.wasm) mean the same in both.
import createNvwModule from './emscripten-web.mjs';
import apiModule from './lib/api.js';
import backendModule from './lib/wasm-backend.js';

let backend = null;
let initializing = null;

function notReady() {
  return new Error('native-vs-wasm: the WebAssembly module is not loaded yet: `await init()` (the default export) first');
}

function live() {
  if (!backend) throw notReady();
  return backend;
}

// Until init() has finished, every call that needs WebAssembly throws notReady().
const api = apiModule.createApi({
  fibonacci: (n) => live().fibonacci(n),
  createBuilder: (overlapsError, maxMemory) => live().createBuilder(overlapsError, maxMemory),
  tableFromBinary: (bytes) => live().tableFromBinary(bytes),
});

export const { fibonacci, IpCountryTable, CsvError } = api;

IpCountryTable.fromFile = function fromFile() {
  throw new Error(
    'IpCountryTable.fromFile: there is no file system in the browser; use fromCsv(bytes) or ' +
      'fromStream((await fetch(url)).body)',
  );
};

/**
 * Loads and instantiates the WebAssembly module; resolves when the API is ready. Idempotent: later
 * calls return the first call's promise (and ignore their argument). A failed load can be retried.
 *
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<any>} [input]
 *   where the wasm comes from; by default `new URL("index.wasm", import.meta.url)`, resolved by
 *   the Emscripten glue next to this file.
 * @returns {Promise<void>}
 */
export default function init(input) {
  if (!initializing) {
    initializing = load(input).then(
      (module) => {
        backend = backendModule.wasmBackend(module);
      },
      (error) => {
        initializing = null;
        throw error;
      },
    );
  }
  return initializing;
}

async function load(input) {
  if (input === undefined) return createNvwModule({ printErr: () => {} });
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const created = createNvwModule({
    printErr: () => {},
    // Keeps the glue from resolving its default new URL('index.wasm', import.meta.url): bundlers
    // that leave import.meta empty (esbuild's iife output) would throw there.
    locateFile: (file) => file,
    // The glue calls this instead of fetching index.wasm itself; it then waits for receive().
    instantiateWasm(imports, receive) {
      instantiate(input, imports).then(({ instance, module }) => receive(instance, module), failed);
      return {};
    },
  });
  return Promise.race([created, failure]);
}

async function instantiate(input, imports) {
  let source = await input;
  if (source instanceof WebAssembly.Module) return { instance: await WebAssembly.instantiate(source, imports), module: source };
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    source = await fetch(source);
  }
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`native-vs-wasm: could not load the WebAssembly module: HTTP ${source.status} for ${source.url}`);
    const type = source.headers.get('content-type') || '';
    if (typeof WebAssembly.instantiateStreaming === 'function' && type.split(';')[0].trim() === 'application/wasm') {
      return WebAssembly.instantiateStreaming(source, imports);
    }
    source = await source.arrayBuffer();
  }
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return WebAssembly.instantiate(source, imports);
  throw new TypeError('init: input must be a URL, a string, a Request, a Response, bytes or a WebAssembly.Module');
}
