// Regression tests for inputs the fuzzers in test/fuzz/ found. The sanitizer build (build/cpp-asan,
// ASan + UBSan, -fno-sanitize-recover=all) is the one that catches the bugs they pin: in a plain
// build they passed even before the fix.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "checksum.h"
#include "ip_table.h"
#include "ip_table_builder.h"

namespace {

std::unique_ptr<nvw::IpTable> Build(const std::string& csv) {
  nvw::IpTableBuilder builder(nvw::OverlapPolicy::kNarrowest);
  if (!builder.feed(reinterpret_cast<const uint8_t*>(csv.data()), csv.size())) return nullptr;
  return builder.finish();
}

void ExpectRoundTrip(const std::string& csv) {
  auto table = Build(csv);
  ASSERT_TRUE(table) << csv;
  const std::vector<uint8_t> bytes = table->to_binary();
  std::string error;
  auto copy = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  ASSERT_TRUE(copy) << error;
  EXPECT_EQ(copy->to_binary(), bytes);
  EXPECT_EQ(copy->size(), table->size());
}

// fuzz_csv, input "\n\n\n\n" (flags + seed bytes, then an empty CSV): to_binary of a table with no
// IPv4 segments called memcpy(p, nullptr, 0), undefined behaviour (UBSan nonnull-attribute); the
// same for no IPv6 segments. Fixed in 04e5db3 (copy_bytes in src/ip_table.cpp).
// (An empty CSV is now an error, "no data rows"; an empty table still comes from an empty snapshot.)
TEST(Regression, EmptyTableToBinary) {
  const nvw::IpTable table("", {}, {});
  const std::vector<uint8_t> bytes = table.to_binary();
  std::string error;
  auto copy = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  ASSERT_TRUE(copy) << error;
  EXPECT_EQ(copy->to_binary(), bytes);
  EXPECT_EQ(copy->size(), 0u);
}
TEST(Regression, Ipv4OnlyTableToBinary) { ExpectRoundTrip("1.0.0.0,1.0.0.255,AU\n"); }
TEST(Regression, Ipv6OnlyTableToBinary) { ExpectRoundTrip("2001:db8::,2001:db8::ffff,DE\n"); }

// fuzz_snapshot: from_binary of a snapshot with N4 = 0 called memcpy(nullptr, p, 0). Fixed in 04e5db3.
TEST(Regression, FromBinaryWithoutIpv4Segments) {
  std::vector<uint8_t> bytes(24 + 4, 0);
  std::memcpy(bytes.data(), "NVWIPTBL", 8);
  bytes[8] = 2;  // version 2, C = N4 = N6 = 0
  const uint32_t checksum = nvw::xxh32(bytes.data(), 24);
  for (int k = 0; k < 4; ++k) bytes[24 + k] = uint8_t(checksum >> (8 * k));
  std::string error;
  auto table = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  ASSERT_TRUE(table) << error;
  EXPECT_EQ(table->size(), 0u);
  EXPECT_EQ(table->to_binary(), bytes);
}

}  // namespace
