// libFuzzer harness for nvw::IpTableBuilder (the streaming CSV -> table builder).
//
// Input layout: byte 0 holds flags (bit 0: overlap policy; bits 1-2: chunking mode), bytes 1..3
// seed the chunk sizes, the rest is the CSV. The same CSV is also built in one piece and one byte
// at a time: every split must give the same result (same table bytes, or the same line and
// message). A table must survive to_binary -> from_binary -> to_binary byte for byte, and answer
// lookups identically before and after the round trip.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.h"
#include "ip_address.h"
#include "ip_table.h"
#include "ip_table_builder.h"

namespace {

struct Outcome {
  std::unique_ptr<nvw::IpTable> table;
  uint64_t line = 0;
  std::string detail;
};

// Feeds `csv` in chunks whose sizes come from a small xorshift generator seeded by `seed`;
// `max_chunk` bounds them (0: the whole input at once).
Outcome Build(const uint8_t* csv, size_t size, nvw::OverlapPolicy policy, uint32_t seed, size_t max_chunk) {
  nvw::IpTableBuilder builder(policy);
  bool ok = true;
  uint32_t state = seed | 1;
  size_t i = 0;
  while (ok && i < size) {
    size_t chunk = size - i;
    if (max_chunk == 1) {
      chunk = 1;
    } else if (max_chunk) {
      state ^= state << 13, state ^= state >> 17, state ^= state << 5;
      chunk = std::min<size_t>(chunk, state % (max_chunk + 1));  // zero-sized chunks allowed
    }
    // Copy into a buffer of exactly the chunk's size so ASan sees reads past it.
    std::vector<uint8_t> piece(csv + i, csv + i + chunk);
    ok = builder.feed(piece.data(), piece.size());
    i += chunk;
  }
  Outcome out;
  if (ok) out.table = builder.finish();
  if (!out.table) {
    out.line = builder.problem().line;
    out.detail = builder.problem().detail;
    NVW_FUZZ_CHECK(out.line > 0, "no table and no problem (detail \"%s\")", out.detail.c_str());
    NVW_FUZZ_CHECK(!out.detail.empty(), "a problem without detail on line %llu", (unsigned long long)out.line);
  }
  return out;
}

void CheckSame(const Outcome& a, const Outcome& b, const char* what) {
  NVW_FUZZ_CHECK(bool(a.table) == bool(b.table), "%s: one build made a table, the other failed (line %llu: %s)", what,
                 (unsigned long long)(a.table ? b.line : a.line), (a.table ? b.detail : a.detail).c_str());
  if (a.table) {
    NVW_FUZZ_CHECK(a.table->to_binary() == b.table->to_binary(), "%s: different tables", what);
  } else {
    NVW_FUZZ_CHECK(a.line == b.line && a.detail == b.detail, "%s: line %llu: %s vs line %llu: %s", what, (unsigned long long)a.line,
                   a.detail.c_str(), (unsigned long long)b.line, b.detail.c_str());
  }
}

void CheckTable(const nvw::IpTable& table, const uint8_t* csv, size_t size) {
  const std::string& codes = table.country_codes();
  NVW_FUZZ_CHECK(codes.size() % 2 == 0 && codes.size() / 2 <= nvw::kMaxCountries, "bad codes size %zu", codes.size());
  const int countries = int(codes.size() / 2);

  const std::vector<uint8_t> bytes = table.to_binary();
  std::string error;
  auto copy = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  NVW_FUZZ_CHECK(copy, "from_binary rejected to_binary's output: %s", error.c_str());
  NVW_FUZZ_CHECK(copy->to_binary() == bytes, "round trip changed the snapshot");
  NVW_FUZZ_CHECK(copy->size() == table.size(), "size %zu vs %zu", copy->size(), table.size());
  NVW_FUZZ_CHECK(copy->country_codes() == codes, "codes differ after the round trip");

  // Probe addresses: segment boundaries from the snapshot (each start, start - 1), fixed corners,
  // and values taken from the input bytes.
  std::vector<uint32_t> v4 = {0, 1, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu};
  std::vector<nvw::u128> v6 = {0, 1, ~nvw::u128{0}, ~nvw::u128{0} - 1, nvw::u128{0x20010db8} << 96, nvw::u128{0xffff} << 32};
  uint32_t c, n4, n6;
  std::memcpy(&c, bytes.data() + 12, 4);
  std::memcpy(&n4, bytes.data() + 16, 4);
  std::memcpy(&n6, bytes.data() + 20, 4);
  const uint8_t* p = bytes.data() + 24 + 2 * size_t(c);
  for (uint32_t k = 0; k < n4 && k < 64; ++k) {
    uint32_t s;
    std::memcpy(&s, p + 4 * k, 4);
    v4.push_back(s);
    v4.push_back(s - 1);
  }
  p += 5 * size_t(n4);
  for (uint32_t k = 0; k < n6 && k < 64; ++k) {
    nvw::u128 s = 0;
    for (int b = 0; b < 16; ++b) s = (s << 8) | p[16 * k + b];
    v6.push_back(s);
    v6.push_back(s - 1);
    v6.push_back(s + 1);
  }
  for (size_t i = 0; i + 4 <= size && i < 64; i += 4) {
    uint32_t s;
    std::memcpy(&s, csv + i, 4);
    v4.push_back(s);
    v6.push_back(nvw::u128{s} << 96 | s);
  }

  std::vector<uint16_t> batch(v4.size());  // all at once, so the batch path's lanes are used
  table.lookup_indexes(v4.data(), batch.data(), v4.size());
  for (size_t i = 0; i < v4.size(); ++i) {
    const uint32_t a = v4[i];
    const int r = table.lookup_v4(a);
    NVW_FUZZ_CHECK(r == nvw::kLookupNone || (r >= 0 && r < countries), "lookup_v4 answered %d", r);
    NVW_FUZZ_CHECK(copy->lookup_v4(a) == r, "lookup_v4(%u) differs after the round trip", a);
    NVW_FUZZ_CHECK(table.lookup_text(nvw::format_ipv4(a)) == r, "lookup_text(%s) != lookup_v4", nvw::format_ipv4(a).c_str());
    NVW_FUZZ_CHECK(table.lookup_v6(nvw::u128{0xffff} << 32 | a) == r, "mapped lookup of %u differs", a);
    uint16_t index = 0;
    table.lookup_indexes(&a, &index, 1);
    NVW_FUZZ_CHECK(index == (r < 0 ? nvw::kIndexNotFound : uint16_t(r)), "lookup_indexes differs for %u", a);
    NVW_FUZZ_CHECK(batch[i] == index, "lookup_indexes differs for %u in a batch", a);
  }
  for (nvw::u128 a : v6) {
    const int r = table.lookup_v6(a);
    NVW_FUZZ_CHECK(r == nvw::kLookupNone || (r >= 0 && r < countries), "lookup_v6 answered %d", r);
    NVW_FUZZ_CHECK(copy->lookup_v6(a) == r, "lookup_v6 differs after the round trip");
    NVW_FUZZ_CHECK(table.lookup_text(nvw::format_ipv6(a)) == r, "lookup_text(%s) != lookup_v6", nvw::format_ipv6(a).c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) return 0;
  const uint8_t flags = data[0];
  const uint32_t seed = uint32_t(data[1]) | uint32_t(data[2]) << 8 | uint32_t(data[3]) << 16;
  const uint8_t* csv = data + 4;
  const size_t csv_size = size - 4;
  const auto policy = (flags & 1) ? nvw::OverlapPolicy::kError : nvw::OverlapPolicy::kNarrowest;
  static const size_t kMaxChunk[4] = {2, 8, 64, 1024};

  const Outcome whole = Build(csv, csv_size, policy, seed, 0);
  const Outcome split = Build(csv, csv_size, policy, seed, kMaxChunk[(flags >> 1) & 3]);
  CheckSame(whole, split, "whole vs random chunks");
  if (csv_size <= 4096) CheckSame(whole, Build(csv, csv_size, policy, seed, 1), "whole vs one-byte chunks");

  // The other policy: 'error' may only fail where 'narrowest' fails, or with an overlap.
  const auto other_policy = policy == nvw::OverlapPolicy::kError ? nvw::OverlapPolicy::kNarrowest : nvw::OverlapPolicy::kError;
  const Outcome other = Build(csv, csv_size, other_policy, seed, 0);
  const Outcome& narrow = policy == nvw::OverlapPolicy::kNarrowest ? whole : other;
  const Outcome& strict = policy == nvw::OverlapPolicy::kError ? whole : other;
  if (!narrow.table) {
    NVW_FUZZ_CHECK(!strict.table && strict.line == narrow.line && strict.detail == narrow.detail,
                   "policies disagree on a bad row: line %llu: %s", (unsigned long long)narrow.line, narrow.detail.c_str());
  } else if (strict.table) {
    NVW_FUZZ_CHECK(strict.table->to_binary() == narrow.table->to_binary(), "no overlaps, yet the policies built different tables");
  } else {
    NVW_FUZZ_CHECK(strict.detail.find(" overlaps the range on line ") != std::string::npos,
                   "'error' failed without an overlap: line %llu: %s", (unsigned long long)strict.line, strict.detail.c_str());
  }

  if (whole.table) CheckTable(*whole.table, csv, csv_size);
  return 0;
}
