// IPv6 segments and their search. A fixed split of the address bits cannot index real IPv6 data:
// its starts crowd into a few prefixes (one /32 holds 33,800 of 275,000), and 97 % of them end in
// 64 zero bits. So the index follows the data instead: a static search tree over the high 64 bits
// of the starts — level 0 holds the high half of every 16th start, each level above every 16th
// key of the one below, up to a top level of at most 16 keys. A lookup walks down it (a few keys
// per level, the upper levels stay in cache) to a run of about 16 starts, then searches those.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ip_address.h"
#include "segments.h"

namespace nvw {

class Ipv6Segments {
 public:
  Ipv6Segments() = default;
  explicit Ipv6Segments(Segments<u128> segments);

  int lookup(u128 ip) const;  // a country index, or kLookupNone

  const Segments<u128>& segments() const { return seg_; }
  size_t ranges() const { return ranges_; }  // segments with a country
  size_t byte_size() const;

 private:
  static constexpr size_t kFanout = 16;

  // How many keys of level 0 are <= high (or < high, when `strict`).
  size_t count_level0(uint64_t high, bool strict) const;

  Segments<u128> seg_;
  std::vector<std::vector<uint64_t>> levels_;  // empty for small tables: they are searched whole
  size_t ranges_ = 0;
};

}  // namespace nvw
