// --extern-pre-js of the Node glue (pkg/emscripten/node.cjs); node-factory-post.js closes it.
// Makes the plain (-sMODULARIZE=0) glue a synchronous factory: createNvwModule(options) runs the
// glue, which reads its options from the variable `Module` (here the argument), and returns the
// ready module. -sMODULARIZE's factory would do the same, but since Emscripten 4.0.12 it always
// returns a Promise, even with -sWASM_ASYNC_COMPILATION=0, and require() must be synchronous.
module.exports = function createNvwModule(Module) {
