// Node-API binding: converts JS values to C++ and back, nothing more.
// Argument checking (TypeError/RangeError) happens once, in pkg/lib/args.js.
#include <napi.h>

#include "fibonacci.h"

namespace {

Napi::Value Fibonacci(const Napi::CallbackInfo& info) {
  const int32_t n = info[0].As<Napi::Number>().Int32Value();
  return Napi::Number::New(info.Env(), nvw::fibonacci(n));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("fibonacci", Napi::Function::New(env, Fibonacci, "fibonacci"));
  return exports;
}

}  // namespace

NODE_API_MODULE(nvw_native, Init)
