// IPv4 segments and their search: the sorted starts, a first-level index on the top 16 bits (so a
// lookup searches one bucket), and a batch path that runs many searches side by side.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "segments.h"

namespace nvw {

class Ipv4Segments {
 public:
  Ipv4Segments() = default;
  explicit Ipv4Segments(Segments<uint32_t> segments);

  int lookup(uint32_t ip) const;  // a country index, or kLookupNone
  // out[i] = the country index of ips[i], or kIndexNotFound.
  void lookup_batch(const uint32_t* ips, uint16_t* out, size_t count) const;

  const Segments<uint32_t>& segments() const { return seg_; }
  // index()[h] = the first segment whose start's top 16 bits are >= h (65,537 entries), or empty:
  // small tables are searched whole. The bindings show these arrays to JS, whose search (the JS
  // twin's js/ipv4-segments.js) reads them in place.
  const std::vector<uint32_t>& index() const { return index_; }
  size_t ranges() const { return ranges_; }  // segments with a country
  size_t byte_size() const;

 private:
  // Where to search for ip's segment, the last one starting at or before ip: in bucket h of the
  // index, or the one just before it. `base` is that one (or 0: there may be none, so the caller
  // checks starts[base] <= ip at the end, instead of checking for -1 at every step), `len` the
  // number of candidates from base. The table has segments.
  void bucket(uint32_t ip, size_t& base, size_t& len) const {
    if (index_.empty()) {
      base = 0;
      len = seg_.starts.size();
    } else {
      const uint32_t first = index_[ip >> 16], end = index_[(ip >> 16) + 1];
      base = first > 0 ? first - 1 : 0;
      len = end > base ? end - base : 1;
    }
  }

  // The answer once the search settled on `base`.
  uint16_t answer(uint32_t ip, size_t base) const {
    const uint8_t c = seg_.countries[base];
    return seg_.starts[base] <= ip && c != kNoCountry ? c : kIndexNotFound;
  }

  Segments<uint32_t> seg_;
  std::vector<uint32_t> index_;  // index_[h] = the first segment whose start's top 16 bits are >= h
  size_t ranges_ = 0;
};

}  // namespace nvw
