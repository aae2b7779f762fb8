// Parcel 2, no config: `parcel build index.html` (-> dist/). Parcel follows
// new URL('index.wasm', import.meta.url) in the package and new URL('…worker.js', …) here.
import { main } from '../shared/app.js';

main(undefined, () => new Worker(new URL('../shared/worker.js', import.meta.url), { type: 'module' }));
