// Node-API binding: converts JS values to C++ and back, nothing more.
// Argument checking (TypeError/RangeError) happens once, in the API layer api/ (args.js, ip-args.js).
#include <napi.h>

#include <memory>

#include "fibonacci.h"
#include "ip_table.h"
#include "ip_table_builder.h"

namespace {

Napi::Value Fibonacci(const Napi::CallbackInfo& info) {
  const int32_t n = info[0].As<Napi::Number>().Int32Value();
  return Napi::Number::New(info.Env(), nvw::fibonacci(n));
}

Napi::Uint8Array CopyToUint8Array(Napi::Env env, const std::vector<uint8_t>& bytes) {
  auto buffer = Napi::ArrayBuffer::New(env, bytes.size());
  std::copy(bytes.begin(), bytes.end(), static_cast<uint8_t*>(buffer.Data()));
  return Napi::Uint8Array::New(env, bytes.size(), buffer, 0);
}

// A table crosses into JS as an External passed to plain functions: an ObjectWrap method call
// costs ~35 ns more (cb-info + unwrap), which would dominate a ~10 ns lookup.
// The table's bytes are reported to V8 as external memory while it lives, so a program that drops
// tables without free() gets garbage collections as if they were JS memory (and the
// FinalizationRegistry reclaims them in time).
struct TableBox {
  std::unique_ptr<nvw::IpTable> table;
  int64_t reported = 0;

  void release(Napi::Env env) {
    if (reported) Napi::MemoryManagement::AdjustExternalMemory(env, -reported);
    reported = 0;
    table.reset();
  }
};

Napi::Value WrapTable(Napi::Env env, std::unique_ptr<nvw::IpTable> table) {
  auto* box = new TableBox{std::move(table)};
  box->reported = int64_t(box->table->byte_size());
  Napi::MemoryManagement::AdjustExternalMemory(env, box->reported);
  return Napi::External<TableBox>::New(env, box, [](Napi::Env env, TableBox* box) {
    box->release(env);
    delete box;
  });
}

const nvw::IpTable& TableOf(const Napi::CallbackInfo& info) { return *info[0].As<Napi::External<TableBox>>().Data()->table; }

Napi::Value LookupV4(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), TableOf(info).lookup_v4(info[1].As<Napi::Number>().Uint32Value()));
}

Napi::Value LookupV6(const Napi::CallbackInfo& info) {
  nvw::u128 ip = 0;
  for (size_t k = 1; k <= 4; ++k) ip = ip << 32 | info[k].As<Napi::Number>().Uint32Value();
  return Napi::Number::New(info.Env(), TableOf(info).lookup_v6(ip));
}

Napi::Value LookupText(const Napi::CallbackInfo& info) {
  // Valid IP text is at most 45 ASCII bytes; the front end rejects strings over 64 characters.
  char text[256];
  size_t length = 0;
  napi_get_value_string_utf8(info.Env(), info[1], text, sizeof text, &length);
  return Napi::Number::New(info.Env(), TableOf(info).lookup_text(std::string_view(text, length)));
}

void LookupIndexes(const Napi::CallbackInfo& info) {
  auto ips = info[1].As<Napi::Uint32Array>();
  auto out = info[2].As<Napi::Uint16Array>();
  // The API layer checked the lengths; this guard keeps a bug there from writing past `out`.
  if (out.ElementLength() < ips.ElementLength()) {
    Napi::RangeError::New(info.Env(), "lookupIndexes: out is shorter than ips").ThrowAsJavaScriptException();
    return;
  }
  TableOf(info).lookup_indexes(ips.Data(), out.Data(), ips.ElementLength());
}

Napi::Value CountryCodes(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), TableOf(info).country_codes()); }
Napi::Value Sizes(const Napi::CallbackInfo& info) {
  auto sizes = Napi::Array::New(info.Env(), 2);
  sizes.Set(0u, double(TableOf(info).size_v4()));
  sizes.Set(1u, double(TableOf(info).size_v6()));
  return sizes;
}
Napi::Value ByteSize(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), double(TableOf(info).byte_size())); }
Napi::Value ToBinary(const Napi::CallbackInfo& info) { return CopyToUint8Array(info.Env(), TableOf(info).to_binary()); }
// The IPv4 arrays [starts, countries, index or null] as external ArrayBuffers over the table's own
// memory, which JS searches in place (native/backend.js): a Node-API call per lookup costs ~45 ns,
// the search ~10. null where the runtime refuses external buffers (V8's memory cage, as in
// Electron) or the table has no IPv4 segments: the lookups then call the addon. They are not
// detached when the table goes: the first detach anywhere invalidates V8's process-wide
// ArrayBufferDetaching protector, which deoptimizes the app's typed-array code (seen with
// --trace-protector-invalidation). Only the table's handle holds them, and it drops them first.
Napi::Value V4Arrays(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const nvw::IpTable& table = TableOf(info);
  const nvw::Segments<uint32_t>& seg = table.v4().segments();
  const std::vector<uint32_t>& index = table.v4().index();
  if (seg.starts.empty()) return info.Env().Null();
  const std::pair<const void*, size_t> arrays[] = {{seg.starts.data(), seg.starts.size() * sizeof(uint32_t)},
                                                   {seg.countries.data(), seg.countries.size()},
                                                   {index.data(), index.size() * sizeof(uint32_t)}};
  napi_value out = nullptr;
  napi_create_array_with_length(env, 3, &out);
  for (uint32_t k = 0; k < 3; ++k) {
    napi_value buffer = nullptr;
    if (arrays[k].second == 0) {
      napi_get_null(env, &buffer);
    } else if (napi_create_external_arraybuffer(env, const_cast<void*>(arrays[k].first), arrays[k].second, nullptr, nullptr, &buffer) !=
               napi_ok) {
      bool pending = false;
      napi_is_exception_pending(env, &pending);
      if (pending) {
        napi_value ignored;
        napi_get_and_clear_last_exception(env, &ignored);
      }
      return info.Env().Null();
    }
    napi_set_element(env, out, k, buffer);
  }
  return Napi::Value(env, out);
}

void DeleteTable(const Napi::CallbackInfo& info) { info[0].As<Napi::External<TableBox>>().Data()->release(info.Env()); }

class Builder : public Napi::ObjectWrap<Builder> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Builder",
                       {InstanceMethod<&Builder::Feed>("feed"), InstanceMethod<&Builder::Finish>("finish"),
                        InstanceMethod<&Builder::Error>("error"), InstanceMethod<&Builder::Delete>("delete")});
  }

  explicit Builder(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<Builder>(info),
        builder_(std::make_unique<nvw::IpTableBuilder>(
            info[0].As<Napi::Boolean>().Value() ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest,
            uint64_t(info[1].As<Napi::Number>().DoubleValue()))) {}

 private:
  Napi::Value Feed(const Napi::CallbackInfo& info) {
    auto bytes = info[0].As<Napi::Uint8Array>();
    return Napi::Boolean::New(info.Env(), builder_->feed(bytes.Data(), bytes.ByteLength()));
  }
  Napi::Value Finish(const Napi::CallbackInfo& info) {
    auto table = builder_->finish();
    return table ? WrapTable(info.Env(), std::move(table)) : info.Env().Null();
  }
  Napi::Value Error(const Napi::CallbackInfo& info) {
    const nvw::CsvProblem& p = builder_->problem();
    if (p.line == 0) return info.Env().Null();
    Napi::Object out = Napi::Object::New(info.Env());
    out.Set("line", double(p.line));
    out.Set("detail", p.detail);
    return out;
  }
  void Delete(const Napi::CallbackInfo&) { builder_.reset(); }

  std::unique_ptr<nvw::IpTableBuilder> builder_;
};

Napi::Value TableFromBinary(const Napi::CallbackInfo& info) {
  auto bytes = info[0].As<Napi::Uint8Array>();
  std::string error;
  auto table = nvw::IpTable::from_binary(bytes.Data(), bytes.ByteLength(), error);
  if (!table) return Napi::String::New(info.Env(), error);
  return WrapTable(info.Env(), std::move(table));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("fibonacci", Napi::Function::New(env, Fibonacci, "fibonacci"));
  exports.Set("Builder", Builder::Define(env));
  exports.Set("tableFromBinary", Napi::Function::New(env, TableFromBinary, "tableFromBinary"));
  const std::pair<const char*, Napi::Function::Callback> table_functions[] = {
      {"lookupV4", LookupV4}, {"lookupV6", LookupV6}, {"lookupText", LookupText}, {"countryCodes", CountryCodes},
      {"sizes", Sizes},       {"byteSize", ByteSize}, {"toBinary", ToBinary},     {"v4Arrays", V4Arrays}};
  for (const auto& [name, callback] : table_functions) exports.Set(name, Napi::Function::New(env, callback, name));
  exports.Set("lookupIndexes", Napi::Function::New(env, LookupIndexes, "lookupIndexes"));
  exports.Set("deleteTable", Napi::Function::New(env, DeleteTable, "deleteTable"));
  return exports;
}

}  // namespace

NODE_API_MODULE(nvw_native, Init)
