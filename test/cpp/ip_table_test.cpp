#include "ip_table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "checksum.h"
#include "ip_address.h"
#include "ip_table_builder.h"

namespace {

using nvw::u128;

std::unique_ptr<nvw::IpTable> Build(const std::string& csv, nvw::CsvProblem* problem = nullptr,
                                    nvw::OverlapPolicy policy = nvw::OverlapPolicy::kNarrowest, size_t chunk = 0) {
  nvw::IpTableBuilder builder(policy);
  const auto* bytes = reinterpret_cast<const uint8_t*>(csv.data());
  const size_t step = chunk ? chunk : csv.size() + 1;
  bool ok = true;
  for (size_t i = 0; ok && i < csv.size(); i += step) ok = builder.feed(bytes + i, std::min(step, csv.size() - i));
  auto table = ok ? builder.finish() : nullptr;
  if (!table && problem) *problem = builder.problem();
  return table;
}

std::string Country(const nvw::IpTable& table, std::string_view ip) {
  const int index = table.lookup_text(ip);
  if (index == nvw::kLookupInvalidText) return "invalid";
  if (index == nvw::kLookupNone) return "null";
  return table.country_codes().substr(size_t(index) * 2, 2);
}

TEST(IpAddress, ParsesStrictIpv4) {
  EXPECT_EQ(nvw::parse_ipv4("1.2.3.4"), 0x01020304u);
  EXPECT_EQ(nvw::parse_ipv4("255.255.255.255"), 0xffffffffu);
  for (const char* bad : {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "", "1..3.4", "1.2.3.1000"}) {
    EXPECT_FALSE(nvw::parse_ipv4(bad)) << bad;
  }
}

TEST(IpAddress, ParsesEveryIpv6Form) {
  EXPECT_EQ(nvw::parse_ipv6("::"), u128{0});
  EXPECT_EQ(nvw::parse_ipv6("::1"), u128{1});
  EXPECT_EQ(nvw::parse_ipv6("2001:DB8::0001"), nvw::parse_ipv6("2001:db8:0:0:0:0:0:1"));
  EXPECT_EQ(nvw::parse_ipv6("::ffff:1.2.3.4"), (u128{0xffff} << 32) | 0x01020304u);
  for (const char* bad : {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0", "1:2:3:4:5:6:7:8::", ":1::", "1::2:"}) {
    EXPECT_FALSE(nvw::parse_ipv6(bad)) << bad;
  }
  const auto mapped = nvw::parse_ip_text("::ffff:10.0.0.1");
  ASSERT_TRUE(mapped);
  EXPECT_EQ(mapped->family, nvw::Family::V4);
}

TEST(IpAddress, FormatsPerRfc5952) {
  EXPECT_EQ(nvw::format_ipv6(*nvw::parse_ipv6("2001:0db8:0000:0000:0001:0000:0000:0001")), "2001:db8::1:0:0:1");
  EXPECT_EQ(nvw::format_ipv6(*nvw::parse_ipv6("2001:db8:0:1:1:1:1:1")), "2001:db8:0:1:1:1:1:1");
  EXPECT_EQ(nvw::format_ipv6(0), "::");
  EXPECT_EQ(nvw::format_ipv4(0x01020304u), "1.2.3.4");
}

TEST(IpAddress, ParsesDecimalsUpTo128Bits) {
  EXPECT_EQ(nvw::parse_decimal("340282366920938463463374607431768211455"), ~u128{0});
  EXPECT_FALSE(nvw::parse_decimal("340282366920938463463374607431768211456"));
}

TEST(IpTable, NarrowestRangeWinsAndTiesGoToTheLaterRow) {
  const auto table = Build(
      "start,end,country\n"
      "1.0.0.0,1.0.0.255,AU\n"
      "1.0.0.16,1.0.0.31,nz\n"
      "1.0.0.16,1.0.0.31,FR\n");
  ASSERT_TRUE(table);
  EXPECT_EQ(Country(*table, "1.0.0.1"), "AU");
  EXPECT_EQ(Country(*table, "1.0.0.20"), "FR");
  EXPECT_EQ(Country(*table, "1.0.0.32"), "AU");
  EXPECT_EQ(Country(*table, "1.0.1.0"), "null");
  EXPECT_EQ(Country(*table, "not an ip"), "invalid");
  EXPECT_EQ(table->country_codes(), "AUFR");  // NZ is shadowed everywhere
  EXPECT_EQ(table->size(), 3u);
}

// A gap between every two rows: twice as many segments as rows, more than the segment writer
// makes room for at first (it grows), in both families.
TEST(IpTable, RowsWithGapsBetweenThemAllBecomeSegments) {
  constexpr uint32_t kRows = 5000;
  const auto v6 = [](uint32_t group, const char* tail) {  // 2001:db8::<group as hex>:<tail>
    char text[48];
    std::snprintf(text, sizeof text, "2001:db8::%x:%s", unsigned(group), tail);
    return std::string(text);
  };
  std::string csv;
  for (uint32_t k = 0; k < kRows; ++k) {
    const uint32_t start = 0x01000000u + 4 * k;  // [start, start + 1], then a gap of two
    const char* code = k % 2 ? "AU" : "NZ";
    csv += nvw::format_ipv4(start) + "," + nvw::format_ipv4(start + 1) + "," + code + "\n";
    csv += v6(4 * k, "0") + "," + v6(4 * k + 1, "ffff") + "," + code + "\n";
  }
  const auto table = Build(csv);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->size_v4(), kRows);
  EXPECT_EQ(table->v4().segments().starts.size(), 2 * kRows);  // ranges and gaps (none after the last)
  for (uint32_t k = 0; k < kRows; k += 7) {
    const std::string code = k % 2 ? "AU" : "NZ";
    const uint32_t start = 0x01000000u + 4 * k;
    EXPECT_EQ(Country(*table, nvw::format_ipv4(start + 1)), code);
    EXPECT_EQ(Country(*table, nvw::format_ipv4(start + 2)), "null");
    EXPECT_EQ(Country(*table, v6(4 * k + 1, "1")), code);
    EXPECT_EQ(Country(*table, v6(4 * k + 2, "0")), "null");
  }
}

TEST(IpTable, ChunkSplitsDoNotChangeTheResult) {
  const std::string csv =
      "\xEF\xBB\xBF\"1.0.0.0\",\"1.0.0.255\",\"AU\",\"Australia, \"\"the\"\"\nbig\"\r\n\r\n2001:db8::,2001:db8::ff,de\r\n";
  const auto whole = Build(csv);
  ASSERT_TRUE(whole);
  for (size_t chunk = 1; chunk < csv.size(); ++chunk) {
    const auto split = Build(csv, nullptr, nvw::OverlapPolicy::kNarrowest, chunk);
    ASSERT_TRUE(split) << "chunk " << chunk;
    EXPECT_EQ(split->to_binary(), whole->to_binary()) << "chunk " << chunk;
  }
  EXPECT_EQ(Country(*whole, "2001:db8::1"), "DE");
}

TEST(IpTable, ReportsTheLineOfTheFirstBadRow) {
  nvw::CsvProblem problem;
  EXPECT_FALSE(Build("1.0.0.0,1.0.0.255,AU\n\"multi\nline\",x,y\n2.0.0.0,1.0.0.0,AU\n", &problem));
  EXPECT_EQ(problem.line, 2u);
  EXPECT_EQ(problem.detail, "start is not an IP address: \"multi\\x0aline\"");
  EXPECT_FALSE(Build("1.0.0.0,1.0.0.255,AU\n2.0.0.9,2.0.0.0,AU\n", &problem));
  EXPECT_EQ(problem.line, 2u);
  EXPECT_EQ(problem.detail, "start \"2.0.0.9\" is after end \"2.0.0.0\"");
  EXPECT_FALSE(Build("1.0.0.0,1.0.0.255,AU\n\"open", &problem));
  EXPECT_EQ(problem.detail, "unterminated quoted field");
}

TEST(IpTable, ErrorPolicyNamesBothLines) {
  nvw::CsvProblem problem;
  EXPECT_FALSE(Build("1.0.0.0,1.0.0.255,AU\n1.0.0.5,1.0.0.6,NZ\n", &problem, nvw::OverlapPolicy::kError));
  EXPECT_EQ(problem.line, 2u);
  EXPECT_EQ(problem.detail, "range 1.0.0.5-1.0.0.6 overlaps the range on line 1 (1.0.0.0-1.0.0.255)");
}

TEST(IpTable, SnapshotRoundTripsAndRejectsCorruption) {
  const auto table = Build("1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ff,DE\n");
  ASSERT_TRUE(table);
  std::vector<uint8_t> bytes = table->to_binary();
  std::string error;
  const auto copy = nvw::IpTable::from_binary(bytes.data(), bytes.size(), error);
  ASSERT_TRUE(copy) << error;
  EXPECT_EQ(copy->to_binary(), bytes);
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_FALSE(nvw::IpTable::from_binary(bytes.data(), cut, error)) << "truncated to " << cut;
  }
  bytes[30] ^= 1;
  EXPECT_FALSE(nvw::IpTable::from_binary(bytes.data(), bytes.size(), error));
  EXPECT_EQ(error, "fromBinary: checksum mismatch: the snapshot is corrupted");
}

TEST(IpTable, SnapshotChecksumsAreTheSpecifiedOnes) {
  const auto of = [](std::string_view text, uint32_t (*hash)(const uint8_t*, size_t)) {
    return hash(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  };
  EXPECT_EQ(of("123456789", nvw::crc32), 0xCBF43926u);
  EXPECT_EQ(of("", nvw::xxh32), 0x02CC5D05u);
  EXPECT_EQ(of("abc", nvw::xxh32), 0x32D153FFu);
  EXPECT_EQ(of("Nobody inspects the spammish repetition", nvw::xxh32), 0xE2293B2Fu);  // 2 stripes + 4 + 3 bytes
}

TEST(IpTable, ReadsVersionOneSnapshots) {
  const auto table = Build("1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ff,DE\n");
  ASSERT_TRUE(table);
  const std::vector<uint8_t> current = table->to_binary();
  ASSERT_EQ(current[8], 2);
  std::vector<uint8_t> old = current;  // what version 1 wrote: its version, and a CRC-32
  old[8] = 1;
  const uint32_t crc = nvw::crc32(old.data(), old.size() - 4);
  std::memcpy(old.data() + old.size() - 4, &crc, 4);
  std::string error;
  const auto copy = nvw::IpTable::from_binary(old.data(), old.size(), error);
  ASSERT_TRUE(copy) << error;
  EXPECT_EQ(copy->to_binary(), current);
  old[8] = 2;  // the same bytes claiming version 2 carry the wrong checksum
  EXPECT_FALSE(nvw::IpTable::from_binary(old.data(), old.size(), error));
  EXPECT_EQ(error, "fromBinary: checksum mismatch: the snapshot is corrupted");
}

}  // namespace

namespace {

// A heap with room for `capacity` bytes, like the WebAssembly binding's.
class FakeHeap final : public nvw::MemoryBudget {
 public:
  explicit FakeHeap(uint64_t capacity) : capacity_(capacity) {}
  bool reserve(uint64_t bytes) override {
    if (reserved + bytes > capacity_) return false;
    reserved += bytes;
    return true;
  }
  void release(uint64_t bytes) override { reserved -= bytes; }
  std::string exhausted(uint64_t needed) const override { return "heap exhausted at " + std::to_string(needed); }
  uint64_t reserved = 0;

 private:
  uint64_t capacity_;
};

std::string Rows(int count) {
  std::string csv;
  for (int i = 0; i < count; ++i) csv += std::to_string(i * 4) + "," + std::to_string(i * 4 + 1) + ",AU\n";
  return csv;
}

}  // namespace

TEST(IpTableBuilder, ReservesFromASharedHeapAndReleasesWhenDone) {
  FakeHeap heap(64 << 20);
  {
    nvw::IpTableBuilder builder(nvw::OverlapPolicy::kNarrowest, nvw::kDefaultMaxMemory, &heap);
    const std::string csv = Rows(1000);
    ASSERT_TRUE(builder.feed(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
    EXPECT_EQ(heap.reserved, nvw::kReserveStep);  // one step covers 1,000 rows
    ASSERT_TRUE(builder.finish());
  }
  EXPECT_EQ(heap.reserved, 0u);
}

TEST(IpTableBuilder, AFullSharedHeapIsACsvErrorAtTheRowThatDoesNotFit) {
  FakeHeap heap(nvw::kReserveStep);  // room for one step: 4 MiB / (20 * 3/2) bytes per IPv4 row
  nvw::IpTableBuilder builder(nvw::OverlapPolicy::kNarrowest, nvw::kDefaultMaxMemory, &heap);
  const std::string csv = Rows(200000);
  EXPECT_FALSE(builder.feed(reinterpret_cast<const uint8_t*>(csv.data()), csv.size()));
  const uint64_t first_over = nvw::kReserveStep / 30 + 1;
  EXPECT_EQ(builder.problem().line, first_over);
  EXPECT_EQ(builder.problem().detail, "heap exhausted at " + std::to_string(2 * nvw::kReserveStep));
  EXPECT_EQ(heap.reserved, nvw::kReserveStep);
}
