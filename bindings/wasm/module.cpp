// embind binding: exposes the kernels to JavaScript and converts types, nothing more.
// Argument checking (TypeError/RangeError) happens once, in pkg/lib/ (args.js, ip-args.js).
// Bytes cross through scratch buffers in the wasm heap that JS fills via typed-array views, so no
// JS string or array is ever copied by embind on a hot path.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <string>
#include <vector>

#include "fibonacci.h"
#include "ip_table.h"
#include "ip_table_builder.h"

using emscripten::typed_memory_view;
using emscripten::val;

namespace {

// Scratch space shared by the calls below (JS is single-threaded per module instance).
std::vector<uint8_t> g_bytes;      // CSV chunks, snapshots and lookup text coming in
std::vector<uint32_t> g_ips;       // lookupIndexes input
std::vector<uint16_t> g_indexes;   // lookupIndexes output
std::string g_error;
uint8_t g_text[64];                // lookup text (the front end passes at most 64 characters)

val bytes_input(size_t size) {
  g_bytes.resize(size);
  return val(typed_memory_view(size, g_bytes.data()));
}

class Table {
 public:
  explicit Table(std::unique_ptr<nvw::IpTable> table) : table_(std::move(table)) {}

  int lookupV4(uint32_t ip) const { return table_->lookup_v4(ip); }
  int lookupV6(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3) const {
    return table_->lookup_v6(nvw::u128{w0} << 96 | nvw::u128{w1} << 64 | nvw::u128{w2} << 32 | w3);
  }
  // The text is in the text_input() buffer.
  int lookupTextInput(size_t size) const {
    return table_->lookup_text(std::string_view(reinterpret_cast<const char*>(g_text), size < sizeof g_text ? size : sizeof g_text));
  }
  // The IPs are in the batchInput() buffer; the answers go to batchOutput().
  void lookupBatch(size_t count) const { table_->lookup_indexes(g_ips.data(), g_indexes.data(), count); }
  std::string countryCodes() const { return table_->country_codes(); }
  // Where this object lives, for the per-IP free functions below.
  uintptr_t address() const { return reinterpret_cast<uintptr_t>(this); }
  double size() const { return double(table_->size()); }
  double byteSize() const { return double(table_->byte_size()); }
  // A view of the snapshot in the wasm heap, valid until the next call: the caller copies it.
  val toBinaryView() const {
    g_bytes = table_->to_binary();
    return val(typed_memory_view(g_bytes.size(), g_bytes.data()));
  }

 private:
  std::unique_ptr<nvw::IpTable> table_;
};

class Builder {
 public:
  Builder(bool overlaps_error, double max_memory)
      : builder_(overlaps_error ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest, uint64_t(max_memory)) {}
  // The chunk is in the bytes_input() buffer.
  bool feedInput(size_t size) { return builder_.feed(g_bytes.data(), size); }
  Table* finish() {
    auto table = builder_.finish();
    return table ? new Table(std::move(table)) : nullptr;
  }
  val error() const {
    const nvw::CsvProblem& p = builder_.problem();
    if (p.line == 0) return val::null();
    val out = val::object();
    out.set("line", double(p.line));
    out.set("detail", p.detail);
    return out;
  }

 private:
  nvw::IpTableBuilder builder_;
};

val text_input() { return val(typed_memory_view(sizeof g_text, g_text)); }

// Per-IP lookups as free functions taking the table's address: an embind method call checks and
// converts `this` (~10 ns), a free function with number arguments does not (~4 ns).
int lookup_v4_at(uintptr_t table, uint32_t ip) { return reinterpret_cast<const Table*>(table)->lookupV4(ip); }
int lookup_text_at(uintptr_t table, size_t size) { return reinterpret_cast<const Table*>(table)->lookupTextInput(size); }

val batch_input(size_t count) {
  g_ips.resize(count);
  g_indexes.resize(count);
  return val(typed_memory_view(count, g_ips.data()));
}

val batch_output(size_t count) { return val(typed_memory_view(count, g_indexes.data())); }

// The snapshot is in the bytes_input() buffer. nullptr (and fromBinaryError()) when invalid.
Table* from_binary_input(size_t size) {
  auto table = nvw::IpTable::from_binary(g_bytes.data(), size, g_error);
  return table ? new Table(std::move(table)) : nullptr;
}

std::string from_binary_error() { return g_error; }

// The size of the wasm linear memory, for the study's memory figures.
double heap_bytes() { return double(__builtin_wasm_memory_size(0)) * 65536; }

}  // namespace

EMSCRIPTEN_BINDINGS(nvw) {
  using emscripten::allow_raw_pointers;
  emscripten::function("fibonacci", &nvw::fibonacci);
  emscripten::function("bytesInput", &bytes_input);
  emscripten::function("textInput", &text_input);
  emscripten::function("batchInput", &batch_input);
  emscripten::function("batchOutput", &batch_output);
  emscripten::function("fromBinaryInput", &from_binary_input, allow_raw_pointers());
  emscripten::function("fromBinaryError", &from_binary_error);
  emscripten::function("heapBytes", &heap_bytes);
  emscripten::function("lookupV4At", &lookup_v4_at);
  emscripten::function("lookupTextAt", &lookup_text_at);
  emscripten::class_<Table>("Table")
      .function("lookupV4", &Table::lookupV4)
      .function("lookupV6", &Table::lookupV6)
      .function("lookupTextInput", &Table::lookupTextInput)
      .function("lookupBatch", &Table::lookupBatch)
      .function("countryCodes", &Table::countryCodes)
      .function("address", &Table::address)
      .function("size", &Table::size)
      .function("byteSize", &Table::byteSize)
      .function("toBinaryView", &Table::toBinaryView);
  emscripten::class_<Builder>("Builder")
      .constructor<bool, double>()
      .function("feedInput", &Builder::feedInput)
      .function("finish", &Builder::finish, allow_raw_pointers())
      .function("error", &Builder::error);
}
