// WebAssembly binding: exposes the kernels to JavaScript and converts types, nothing more.
// Argument checking (TypeError/RangeError) happens once, in the API layer api/ (args.js, ip-args.js).
//
// Two kinds of entry points, by how often they are called:
//  - per-call paths (fibonacci, lookups, the batch) are plain C exports taking numbers: JS calls
//    the instance's export directly (~2-5 ns), with no generated JS in between;
//  - the object lifecycle (builders, tables, snapshots, errors) goes through embind, linked with
//    -sDYNAMIC_EXECUTION=0 so its glue never calls new Function or eval (strict CSP pages, MV3
//    extensions, Workers, --disallow-code-generation-from-strings). That makes an embind call
//    ~90 ns instead of ~5, which only cold paths pay (one feed per 64 KiB, one call per table).
// Bytes cross through scratch buffers in the wasm heap that JS fills via typed-array views, so no
// JS string or array is ever copied by embind on a hot path.
#include <emscripten/bind.h>
#include <emscripten/emmalloc.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "fibonacci.h"
#include "ip_table.h"
#include "ip_table_builder.h"
#include "memory_budget.h"
#include "messages.h"

using emscripten::typed_memory_view;
using emscripten::val;

namespace {

constexpr size_t kFeedBytes = 1 << 16;  // the JS side feeds CSV in pieces of at most this
constexpr uint64_t kMiB = 1 << 20;
// Kept free for what is not reserved: scratch buffers, embind's strings, allocator rounding.
constexpr uint64_t kHeapMargin = 32 * kMiB;

// The module's one heap, shared by every table and builder alive: allocations that can be large
// are reserved here first, against what malloc can really still hand out.
class WasmHeap final : public nvw::MemoryBudget {
 public:
  bool reserve(uint64_t bytes) override {
    if (bytes > free_bytes()) return false;
    reserved_ += bytes;
    return true;
  }
  void release(uint64_t bytes) override { reserved_ -= bytes; }
  std::string exhausted(uint64_t needed) const override {
    return nvw::message(nvw::messages::kWasmBuildExhausted, {{"needed", std::to_string(needed / kMiB)},
                                                             {"free", std::to_string(free_bytes() / kMiB)},
                                                             {"heap", std::to_string(emscripten_get_heap_max() / kMiB)}});
  }
  // What reserve() can still give.
  uint64_t free_bytes() const {
    const uint64_t total = obtainable();
    return total > reserved_ + kHeapMargin ? total - reserved_ - kHeapMargin : 0;
  }

 private:
  // Free space inside the heap plus what it can still grow by.
  static uint64_t obtainable() {
    const uint64_t top = reinterpret_cast<uintptr_t>(sbrk(0));
    return emscripten_get_heap_max() - top + emmalloc_free_dynamic_memory();
  }
  uint64_t reserved_ = 0;
};

WasmHeap g_heap;

// Scratch space shared by the calls below (JS is single-threaded per module instance).
uint8_t g_feed[kFeedBytes];       // CSV chunks coming in
std::vector<uint8_t> g_bytes;     // a snapshot coming in or going out; emptied after each use
std::vector<uint32_t> g_ips;      // lookupIndexes input
std::vector<uint16_t> g_indexes;  // lookupIndexes output
std::string g_error;
uint8_t g_text[nvw::kMaxLookupText];  // lookup text

// Holds `bytes` of the heap while a snapshot is read or written.
class Reservation {
 public:
  explicit Reservation(uint64_t bytes) : ok_(g_heap.reserve(bytes)), bytes_(ok_ ? bytes : 0) {}
  ~Reservation() { g_heap.release(bytes_); }
  explicit operator bool() const { return ok_; }

 private:
  bool ok_;
  uint64_t bytes_;
};

// Needed rounded up, free rounded down: "13 MiB are needed and ... leave 12 MiB", never "12 ... 12".
std::string snapshot_exhausted(const char* where, uint64_t bytes) {
  return nvw::message(
      nvw::messages::kWasmExhausted,
      {{"where", where}, {"needed", std::to_string((bytes + kMiB - 1) / kMiB)}, {"free", std::to_string(g_heap.free_bytes() / kMiB)}});
}

class Table {
 public:
  explicit Table(std::unique_ptr<nvw::IpTable> table) : table_(std::move(table)) {}

  const nvw::IpTable& kernel() const { return *table_; }
  std::string countryCodes() const { return table_->country_codes(); }
  // Where this object lives, for the per-IP C exports below.
  uintptr_t address() const { return reinterpret_cast<uintptr_t>(this); }
  double sizeV4() const { return double(table_->size_v4()); }
  double sizeV6() const { return double(table_->size_v6()); }
  double byteSize() const { return double(table_->byte_size()); }
  // Views of the IPv4 arrays [starts, countries, index or null], which JS searches in place: no
  // call into the module per lookup (wasm/backend.js). A view detaches when the heap grows.
  val v4Arrays() const {
    const nvw::Segments<uint32_t>& seg = table_->v4().segments();
    const std::vector<uint32_t>& index = table_->v4().index();
    val out = val::array();
    out.set(0, val(typed_memory_view(seg.starts.size(), seg.starts.data())));
    out.set(1, val(typed_memory_view(seg.countries.size(), seg.countries.data())));
    out.set(2, index.empty() ? val::null() : val(typed_memory_view(index.size(), index.data())));
    return out;
  }
  // A view of the snapshot in the wasm heap, valid until releaseBytes(): the caller copies it.
  // null when the heap cannot hold it.
  val toBinaryView() const {
    const Reservation room(2 * table_->byte_size());
    if (!room) {
      g_error = snapshot_exhausted("toBinary", 2 * table_->byte_size());
      return val::null();
    }
    g_bytes = table_->to_binary();
    return val(typed_memory_view(g_bytes.size(), g_bytes.data()));
  }

 private:
  std::unique_ptr<nvw::IpTable> table_;
};

class Builder {
 public:
  Builder(bool overlaps_error, double max_memory)
      : builder_(overlaps_error ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest, uint64_t(max_memory), &g_heap) {}
  // The chunk is in the feedInput() buffer.
  bool feedInput(size_t size) { return builder_.feed(g_feed, size); }
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

val feed_input() { return val(typed_memory_view(sizeof g_feed, g_feed)); }
val text_input() { return val(typed_memory_view(sizeof g_text, g_text)); }

// A buffer for a snapshot of `size` bytes, or null when the heap cannot hold it and the table.
val snapshot_input(size_t size) {
  // The bytes, then the table built from them (about as large) while the bytes are still held.
  if (!g_heap.reserve(2 * uint64_t(size) + kMiB)) {
    g_error = snapshot_exhausted("fromBinary", 2 * uint64_t(size) + kMiB);
    return val::null();
  }
  g_bytes.resize(size);
  return val(typed_memory_view(size, g_bytes.data()));
}

// The snapshot is in the snapshotInput() buffer. nullptr (and lastError()) when invalid.
Table* from_binary_input(size_t size) {
  auto table = nvw::IpTable::from_binary(g_bytes.data(), size, g_error);
  std::vector<uint8_t>().swap(g_bytes);  // do not keep the largest snapshot's buffer forever
  g_heap.release(2 * uint64_t(size) + kMiB);
  return table ? new Table(std::move(table)) : nullptr;
}

// After toBinaryView(): the caller has copied the bytes.
void release_bytes() { std::vector<uint8_t>().swap(g_bytes); }

val batch_input(size_t count) {
  g_ips.resize(count);
  g_indexes.resize(count);
  return val(typed_memory_view(count, g_ips.data()));
}

val batch_output(size_t count) { return val(typed_memory_view(count, g_indexes.data())); }

std::string last_error() { return g_error; }

// The size of the wasm linear memory, and what the tables and builders alive leave of the heap.
double heap_bytes() { return double(__builtin_wasm_memory_size(0)) * 65536; }
double heap_free_bytes() { return double(g_heap.free_bytes()); }

}  // namespace

// The per-call exports (see the top of this file). `table` is a Table's address().
extern "C" {
EMSCRIPTEN_KEEPALIVE int nvw_fibonacci(int n) { return nvw::fibonacci(n); }
EMSCRIPTEN_KEEPALIVE int nvw_lookup_v4(uintptr_t table, uint32_t ip) {
  return reinterpret_cast<const Table*>(table)->kernel().lookup_v4(ip);
}
EMSCRIPTEN_KEEPALIVE int nvw_lookup_v6(uintptr_t table, uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3) {
  return reinterpret_cast<const Table*>(table)->kernel().lookup_v6(nvw::u128{w0} << 96 | nvw::u128{w1} << 64 | nvw::u128{w2} << 32 | w3);
}
// The text is in the textInput() buffer.
EMSCRIPTEN_KEEPALIVE int nvw_lookup_text(uintptr_t table, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(g_text), size < sizeof g_text ? size : sizeof g_text);
  return reinterpret_cast<const Table*>(table)->kernel().lookup_text(text);
}
// The IPs are in the batchInput() buffer; the answers go to batchOutput().
EMSCRIPTEN_KEEPALIVE void nvw_lookup_batch(uintptr_t table, size_t count) {
  reinterpret_cast<const Table*>(table)->kernel().lookup_indexes(g_ips.data(), g_indexes.data(), count);
}
}

EMSCRIPTEN_BINDINGS(nvw) {
  using emscripten::allow_raw_pointers;
  emscripten::function("feedInput", &feed_input);
  emscripten::function("textInput", &text_input);
  emscripten::function("snapshotInput", &snapshot_input);
  emscripten::function("batchInput", &batch_input);
  emscripten::function("batchOutput", &batch_output);
  emscripten::function("fromBinaryInput", &from_binary_input, allow_raw_pointers());
  emscripten::function("releaseBytes", &release_bytes);
  emscripten::function("lastError", &last_error);
  emscripten::function("heapBytes", &heap_bytes);
  emscripten::function("heapFreeBytes", &heap_free_bytes);
  emscripten::class_<Table>("Table")
      .function("countryCodes", &Table::countryCodes)
      .function("address", &Table::address)
      .function("sizeV4", &Table::sizeV4)
      .function("sizeV6", &Table::sizeV6)
      .function("byteSize", &Table::byteSize)
      .function("v4Arrays", &Table::v4Arrays)
      .function("toBinaryView", &Table::toBinaryView);
  emscripten::class_<Builder>("Builder")
      .constructor<bool, double>()
      .function("feedInput", &Builder::feedInput)
      .function("finish", &Builder::finish, allow_raw_pointers())
      .function("error", &Builder::error);
}
