// workerd, bundled by esbuild as wrangler does: the wasm is not bundled but arrives as a compiled
// WebAssembly.Module (a `wasm` module in config.capnp), and init() runs at top level — inside a
// request, compiling wasm and embind's `new Function` are forbidden, and import.meta.url is undefined.
import wasm from './index.wasm';
import init, * as api from 'native-vs-wasm';
import { workerApp } from '../cases.mjs';

await init(wasm);

export default workerApp(api);
