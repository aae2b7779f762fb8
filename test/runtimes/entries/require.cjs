// CommonJS: require('native-vs-wasm') as installed from the packed tarball.
import('./host.mjs').then(({ main }) => main(() => require('native-vs-wasm')));
