// A page bundled by esbuild (--loader:.wasm=file): the package resolved through its "browser"
// export, the wasm's URL through its "./index.wasm" export, handed to init().
import init, * as api from 'native-vs-wasm';
import wasmUrl from 'native-vs-wasm/index.wasm';
import { runInPage } from '../cases.mjs';

runInPage(async () => {
  await init(wasmUrl);
  return api;
});
