// workerd, bundled as worker-bundle.mjs is, but init() runs inside the first request, as an app that
// starts its dependencies lazily does: instantiating the compiled module is allowed there (compiling
// is not), and the glue needs no `new Function` (embind linked with DYNAMIC_EXECUTION=0).
import wasm from './index.wasm';
import init, * as api from 'native-vs-wasm';
import { workerApp } from '../cases.mjs';

let app = null;

export default {
  async fetch(request) {
    app ??= init(wasm).then(() => workerApp(api));
    return (await app).fetch(request);
  },
};
