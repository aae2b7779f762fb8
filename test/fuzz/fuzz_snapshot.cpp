// libFuzzer harness for nvw::IpTable::from_binary on arbitrary bytes. A snapshot it accepts must
// come back byte for byte from to_binary (a version-1 one as version 2: the version and the checksum
// change, nothing else), and answer lookups within its country range.
//
// Most random bytes fail the magic or the checksum long before the structural checks, so the
// harness also tries the input with its header fixed up (magic, version 1 or 2) and the checksum of
// that version appended: that reaches the structural validation of docs/ip-table.md, rule 5.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "checksum.h"
#include "fuzz_common.h"
#include "ip_table.h"

namespace {

void Check(const std::vector<uint8_t>& bytes) {
  std::string error;
  auto table = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  if (!table) {
    NVW_FUZZ_CHECK(error.rfind("fromBinary: ", 0) == 0, "error without the prefix: %s", error.c_str());
    return;
  }
  NVW_FUZZ_CHECK(error.empty(), "a table and an error: %s", error.c_str());
  std::vector<uint8_t> expected = bytes;
  if (expected[8] == 1) {  // version 1 (from_binary checked the other three bytes): written as version 2
    expected[8] = 2;
    const uint32_t checksum = nvw::xxh32(expected.data(), expected.size() - 4);
    std::memcpy(expected.data() + expected.size() - 4, &checksum, 4);
  }
  const std::vector<uint8_t> again = table->to_binary();
  NVW_FUZZ_CHECK(again == expected, "to_binary did not reproduce the %zu input bytes (got %zu)", bytes.size(), again.size());
  const int countries = int(table->country_codes().size() / 2);
  for (uint32_t a : {0u, 1u, 0x01000000u, 0x7fffffffu, 0xffffffffu}) {
    const int r = table->lookup_v4(a);
    NVW_FUZZ_CHECK(r == nvw::kLookupNone || (r >= 0 && r < countries), "lookup_v4 answered %d", r);
  }
  for (nvw::u128 a : {nvw::u128{0}, nvw::u128{1}, nvw::u128{0x20010db8} << 96, ~nvw::u128{0}}) {
    const int r = table->lookup_v6(a);
    NVW_FUZZ_CHECK(r == nvw::kLookupNone || (r >= 0 && r < countries), "lookup_v6 answered %d", r);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Check(std::vector<uint8_t>(data, data + size));  // exactly sized: ASan sees any over-read

  // The fixed-up variant: magic + version (1 or 2, from the input's byte 8), header counts taken mod
  // small bounds so the length usually fits, then the body, then the checksum of that version.
  if (size >= 24) {
    std::vector<uint8_t> fixed(data, data + size);
    std::memcpy(fixed.data(), "NVWIPTBL", 8);
    const uint32_t version = 1 + (fixed[8] & 1);
    std::memcpy(fixed.data() + 8, &version, 4);
    const uint32_t c = fixed[12] % 8, n4 = fixed[16] % 16, n6 = fixed[20] % 8;
    std::memcpy(fixed.data() + 12, &c, 4);
    std::memcpy(fixed.data() + 16, &n4, 4);
    std::memcpy(fixed.data() + 20, &n6, 4);
    const size_t body = 24 + 2 * c + 5 * n4 + 17 * n6;
    fixed.resize(body, 0);
    const uint32_t checksum = version == 1 ? nvw::crc32(fixed.data(), fixed.size()) : nvw::xxh32(fixed.data(), fixed.size());
    fixed.resize(body + 4);
    std::memcpy(fixed.data() + body, &checksum, 4);
    Check(fixed);
  }
  return 0;
}
