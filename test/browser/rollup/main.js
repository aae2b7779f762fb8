// Rollup with @rollup/plugin-node-resolve only, no config file:
// `rollup main.js worker.js --dir=dist --format=es --plugin=node-resolve`. Rollup itself emits no
// file for new URL('index.wasm', import.meta.url): it keeps the expression, which then points next
// to the output chunks, so the build copies the package's index.wasm into dist/ (pkg/README.md).
// Rollup does not bundle workers either; worker.js is a second entry, started as a module worker.
import { main } from '../shared/app.js';

main(undefined, () => new Worker('./worker.js', { type: 'module' }));
