// embind binding: exposes the kernels to JavaScript, nothing more.
// Argument checking (TypeError/RangeError) happens once, in pkg/lib/args.js.
#include <emscripten/bind.h>

#include "fibonacci.h"

EMSCRIPTEN_BINDINGS(nvw) {
  emscripten::function("fibonacci", &nvw::fibonacci);
}
