// workerd, no bundler: the package's own files are the Worker's modules (config.capnp lists every
// .js/.mjs file of the installed package as an ES module, index.wasm as a compiled module).
import wasm from './native-vs-wasm/index.wasm';
import init, * as api from './native-vs-wasm/web.mjs';
import { workerApp } from './cases.mjs';

await init(wasm);

export default workerApp(api);
