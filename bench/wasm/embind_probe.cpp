// One trivial embind function, linked twice by wasm/wasm.cmake: with embind's generated invokers
// (`new Function`, its default) and without (-sDYNAMIC_EXECUTION=0, what the package ships), so the
// study measures what a strict-CSP-safe embind call costs against the one the package used before.
#include <emscripten/bind.h>

namespace {
int probe_call() { return 1; }
}  // namespace

EMSCRIPTEN_BINDINGS(nvw_embind_probe) { emscripten::function("probeCall", &probe_call); }
