// The searches of src/ipv4_segments.cpp and src/ipv6_segments.cpp against a plain binary search,
// on tables large enough to be indexed, with the shapes that stress each index: IPv4 buckets from
// empty to crowded; IPv6 starts crowded into one /64 (equal high halves across level-0 keys),
// differing only in their low bits, or only in their high bits.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "ip_table.h"

namespace {

using nvw::u128;

// Alternating countries 0 and 1, so that neighbours differ (the canonical form).
template <typename Address>
nvw::Segments<Address> Alternating(std::vector<Address> starts) {
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  nvw::Segments<Address> seg;
  seg.starts = starts;
  for (size_t k = 0; k < starts.size(); ++k) seg.countries.push_back(uint8_t(k % 2));
  return seg;
}

// The answer by definition: the country of the last segment starting at or before `ip`.
template <typename Address>
int Expected(const std::vector<Address>& starts, Address ip) {
  const auto after = std::upper_bound(starts.begin(), starts.end(), ip);
  return after == starts.begin() ? nvw::kLookupNone : int((after - starts.begin() - 1) % 2);
}

// Each start, its neighbours, and random addresses.
template <typename Address, typename Random>
std::vector<Address> Probes(const std::vector<Address>& starts, Random random) {
  std::vector<Address> probes = {Address{0}, ~Address{0}};
  for (Address s : starts) probes.insert(probes.end(), {s, Address(s - 1), Address(s + 1)});
  for (int k = 0; k < 20000; ++k) probes.push_back(random());
  return probes;
}

TEST(IpSearch, Ipv4LookupsAndBatchesMatchABinarySearch) {
  std::mt19937 rng(7);
  std::vector<uint32_t> starts;
  for (int k = 0; k < 20000; ++k) starts.push_back(rng());                         // spread out
  for (int k = 0; k < 5000; ++k) starts.push_back(0x0a000000u + uint32_t(k) * 3);  // one crowded bucket
  const nvw::IpTable table("AAAB", Alternating(starts), {});
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  const std::vector<uint32_t> probes = Probes<uint32_t>(starts, [&] { return uint32_t(rng()); });
  std::vector<uint16_t> batch(probes.size());
  table.lookup_indexes(probes.data(), batch.data(), probes.size());
  for (size_t i = 0; i < probes.size(); ++i) {
    const int expected = Expected(starts, probes[i]);
    ASSERT_EQ(table.lookup_v4(probes[i]), expected) << probes[i];
    ASSERT_EQ(batch[i], expected < 0 ? nvw::kIndexNotFound : uint16_t(expected)) << probes[i];
  }
}

TEST(IpSearch, Ipv6LookupsMatchABinarySearchWhateverTheBitsShare) {
  std::mt19937_64 rng(11);
  const u128 prefix = u128{0x20010db800000000u} << 64;
  const std::vector<std::vector<u128>> shapes = {
      [&] {  // 6,000 starts in one /64: equal high halves, spanning many level-0 keys, among others
        std::vector<u128> s;
        for (int k = 0; k < 6000; ++k) s.push_back(prefix | u128(k) << 20);
        for (int k = 0; k < 6000; ++k) s.push_back(u128{rng() | 1} << 64);
        return s;
      }(),
      [&] {  // only the low 64 bits differ
        std::vector<u128> s;
        for (int k = 0; k < 9000; ++k) s.push_back(prefix | rng());
        return s;
      }(),
      [&] {  // only the high 64 bits differ, the low ones zero (like real data)
        std::vector<u128> s;
        for (int k = 0; k < 9000; ++k) s.push_back(u128{rng() >> 3 | 1} << 64);
        return s;
      }(),
  };
  for (const auto& shape : shapes) {
    const nvw::IpTable table("AAAB", {}, Alternating(shape));
    std::vector<u128> starts = shape;
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    // Random probes near the starts' own prefixes too: a random 128-bit value rarely lands inside.
    const std::vector<u128> probes = Probes<u128>(starts, [&] {
      const u128 near = starts[rng() % starts.size()];
      return rng() % 2 ? near ^ rng() : (u128{rng()} << 64 | rng());
    });
    for (u128 ip : probes) {
      if ((ip >> 32) == 0xffff) continue;  // IPv4-mapped: answered from the IPv4 segments
      ASSERT_EQ(table.lookup_v6(ip), Expected(starts, ip)) << uint64_t(ip >> 64) << ":" << uint64_t(ip);
    }
  }
}

}  // namespace
