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
import apiModule from '../api/index.js';
import argsModule from '../api/args.js';
import backendModule from './backend.js';

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
  if (typeof WebAssembly !== 'object') throw backendModule.noWebAssembly();
  if (input === undefined) input = defaultWasmUrl();
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  const created = createNvwModule({
    printErr: () => {},
    // Keeps the glue from resolving its default new URL('index.wasm', import.meta.url): bundlers
    // that leave import.meta empty (esbuild's iife output) would throw there.
    locateFile: (file) => file,
    // The glue calls this instead of fetching index.wasm itself (its errors name neither the URL
    // nor the HTTP status); it then waits for receive().
    instantiateWasm(imports, receive) {
      instantiate(input, imports).then(({ instance, module }) => receive(instance, module), failed);
      return {};
    },
  });
  return Promise.race([created, failure]);
}

function defaultWasmUrl() {
  if (!import.meta.url) {
    throw new Error(
      'native-vs-wasm: init() cannot locate index.wasm: this bundle has no import.meta.url ' +
        "(esbuild's iife output, a Worker?); pass the wasm: init(wasmUrl), its bytes, or the compiled WebAssembly.Module a Worker imports",
    );
  }
  // Bundlers that follow this expression (webpack, Vite, Parcel) emit index.wasm and rewrite it.
  return new URL('index.wasm', import.meta.url);
}

const PREFIX = 'native-vs-wasm: ';

async function instantiate(input, imports) {
  let source = await input;
  if (!argsModule.isInitInput(source)) throw argsModule.initInputError(source); // what init() takes: one list, in api/args.js
  // By its tag, not instanceof: a module compiled in another JavaScript context (Next.js's edge
  // sandbox, a vm context, an iframe) is not an instance of this context's WebAssembly.Module, and
  // WebAssembly.instantiate takes it all the same.
  if (argsModule.objectTag(source) === 'WebAssembly.Module') {
    return { instance: await compiled(WebAssembly.instantiate(source, imports), 'the WebAssembly.Module given to init()'), module: source };
  }
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    const url = typeof source === 'string' || source instanceof URL ? String(source) : source.url;
    try {
      source = await fetch(source);
    } catch (cause) {
      throw new Error(`${PREFIX}could not fetch the WebAssembly module from ${url}: ${cause && cause.message}`, { cause });
    }
  }
  if (typeof Response === 'function' && source instanceof Response) {
    const where = source.url || 'the Response given to init()';
    if (!source.ok) {
      throw new Error(
        `${PREFIX}could not fetch the WebAssembly module: HTTP ${source.status}${source.statusText ? ` ${source.statusText}` : ''} from ${where}`,
      );
    }
    const type = (source.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
      return compiled(WebAssembly.instantiateStreaming(source, imports), where);
    }
    // Any other content type: look at the bytes. A wasm served as application/octet-stream is fine;
    // a page served in its place (a single-page app's fallback for unknown paths, an error page
    // with status 200) is named as such rather than left to fail in the compiler.
    const bytes = new Uint8Array(await source.arrayBuffer());
    if (!argsModule.isWasm(bytes)) {
      throw new Error(
        `${PREFIX}${where} is not a WebAssembly module: the server answered HTTP ${source.status} with ` +
          `${type ? `content-type ${type}` : 'no content-type'} and ${argsModule.startOf(bytes)} (a single-page app's fallback page?). ` +
          'Serve index.wasm at that URL (as application/wasm), or pass its URL to init(url)',
      );
    }
    return compiled(WebAssembly.instantiate(bytes, imports), where);
  }
  const bytes = argsModule.initBytes(source); // what is left: bytes
  if (!argsModule.isWasm(bytes)) throw argsModule.notWasmBytesError(bytes);
  return compiled(WebAssembly.instantiate(bytes, imports), 'the bytes given to init()');
}

/** A failed compile or link (CompileError, LinkError) says which wasm it was. */
async function compiled(instantiating, where) {
  try {
    return await instantiating;
  } catch (cause) {
    throw new Error(`${PREFIX}could not instantiate the WebAssembly module from ${where}: ${cause && cause.message}`, { cause });
  }
}
