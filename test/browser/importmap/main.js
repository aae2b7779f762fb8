// No bundler: the browser loads the installed package's files as they are, through the import map
// in index.html ("native-vs-wasm" -> /node_modules/native-vs-wasm/web.mjs).
import { main } from '../shared/app.js';

main(undefined, () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
