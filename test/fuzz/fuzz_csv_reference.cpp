// libFuzzer harness: the CSV -> table builder of src/ (its fast lane and its general path) against
// the reference in test/fuzz/reference/ — the builder as it was before the fast path, frozen. On
// every input both must give the same table (snapshot bytes) or the same line and message.
//
// Input layout as in fuzz_csv.cpp: byte 0 holds flags (bit 0: overlap policy; bits 1-2: chunking
// mode; bit 3: a small memory budget, from byte 3, so budget errors land on rows of either path),
// bytes 1..3 seed the chunk sizes, the rest is the CSV. src/ gets random chunks, the reference the
// whole input (chunking is fuzz_csv's business; here it moves rows between the two paths).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "ip_table.h"
#include "ip_table_builder.h"
#include "reference/ip_table_builder.h"

namespace {

struct Outcome {
  std::vector<uint8_t> snapshot;  // empty when the build failed
  uint64_t line = 0;
  std::string detail;
};

template <typename Builder>
Outcome Build(Builder& builder, const uint8_t* csv, size_t size, uint32_t seed, size_t max_chunk) {
  bool ok = true;
  uint32_t state = seed | 1;
  for (size_t i = 0; ok && i < size;) {
    size_t chunk = size - i;
    if (max_chunk) {
      state ^= state << 13, state ^= state >> 17, state ^= state << 5;
      chunk = std::min<size_t>(chunk, state % (max_chunk + 1));
    }
    const std::vector<uint8_t> piece(csv + i, csv + i + chunk);  // exactly sized, for ASan
    ok = builder.feed(piece.data(), piece.size());
    i += chunk;
  }
  Outcome out;
  auto table = ok ? builder.finish() : nullptr;
  if (table) {
    out.snapshot = table->to_binary();
  } else {
    out.line = builder.problem().line;
    out.detail = builder.problem().detail;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const uint8_t flags = data[0];
  const uint32_t seed = uint32_t(data[1]) | uint32_t(data[2]) << 8 | uint32_t(data[3]) << 16;
  const bool strict = flags & 1;
  static const size_t kMaxChunk[4] = {0, 8, 64, 1024};
  const size_t max_chunk = kMaxChunk[(flags >> 1) & 3];
  const uint64_t max_memory = (flags & 8) ? 20 + uint64_t(data[3]) * 4 : nvw::kDefaultMaxMemory;

  nvw::IpTableBuilder fast(strict ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest, max_memory);
  nvw::reference::IpTableBuilder reference(strict ? nvw::reference::OverlapPolicy::kError : nvw::reference::OverlapPolicy::kNarrowest,
                                           max_memory);
  const Outcome a = Build(fast, data + 4, size - 4, seed, max_chunk);
  const Outcome b = Build(reference, data + 4, size - 4, seed, 0);
  NVW_FUZZ_CHECK(a.snapshot.empty() == b.snapshot.empty(), "src %s, the reference %s (line %llu: %s)",
                 a.snapshot.empty() ? "failed" : "made a table", b.snapshot.empty() ? "failed" : "made a table",
                 (unsigned long long)(a.line + b.line), (a.detail + b.detail).c_str());
  NVW_FUZZ_CHECK(a.snapshot == b.snapshot, "different tables (%zu vs %zu snapshot bytes)", a.snapshot.size(), b.snapshot.size());
  NVW_FUZZ_CHECK(a.line == b.line && a.detail == b.detail, "line %llu: %s vs the reference's line %llu: %s", (unsigned long long)a.line,
                 a.detail.c_str(), (unsigned long long)b.line, b.detail.c_str());
  return 0;
}
