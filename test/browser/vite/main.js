// Vite, no config file: `vite build` (index.html -> dist/). Vite follows new URL(…, import.meta.url)
// for index.wasm in the package and for the worker.
import { main } from '../shared/app.js';

main(undefined, () => new Worker(new URL('../shared/worker.js', import.meta.url), { type: 'module' }));
