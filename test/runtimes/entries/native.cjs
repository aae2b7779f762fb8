// The Node-API addon (native/index.js of the source tree, given as the first argument): the same
// API through the C++ built for the host, loaded by the runtime's own Node-API.
import('./host.mjs').then(({ main }) => main(() => require(process.argv[2])));
