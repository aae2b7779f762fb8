// webpack 5, no config file: `webpack --mode=production` (src/index.js -> dist/main.js). webpack
// follows new URL('index.wasm', import.meta.url) in the package and new URL('…worker.js', …) here.
import { main } from '../../shared/app.js';

main(undefined, () => new Worker(new URL('../../shared/worker.js', import.meta.url), { type: 'module' }));
