// workerd, bundled by esbuild as wrangler does: the wasm is not bundled but arrives as a compiled
// WebAssembly.Module (a `wasm` module in config.capnp), and init() runs at top level — inside a
// request, code generation (compiling wasm, `new Function`) is forbidden, and import.meta.url is undefined.
import wasm from './index.wasm';
import init, * as api from 'native-vs-wasm';
import { workerApp } from '../cases.mjs';

await init(wasm);

export default workerApp(api);
