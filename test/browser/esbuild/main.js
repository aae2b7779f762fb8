// esbuild: `esbuild main.js worker.js --bundle --outdir=dist --loader:.wasm=file`. esbuild does not
// follow new URL('index.wasm', import.meta.url) (nor new Worker(new URL(…))), so the app imports the
// wasm's URL through the package's "./index.wasm" export and hands it to init().
import wasmUrl from 'native-vs-wasm/index.wasm';
import { main } from '../shared/app.js';

main(wasmUrl, () => new Worker('./worker.js'));
