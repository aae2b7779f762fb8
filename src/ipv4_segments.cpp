#include "ipv4_segments.h"

#include <algorithm>

namespace nvw {

Ipv4Segments::Ipv4Segments(Segments<uint32_t> segments) : seg_(std::move(segments)), ranges_(count_ranges(seg_.countries)) {
  if (seg_.starts.size() < kIndexedFrom) return;
  index_.assign(65537, 0);
  size_t k = 0;
  for (uint32_t h = 0; h <= 65536; ++h) {
    while (k < seg_.starts.size() && seg_.starts[k] >> 16 < h) ++k;
    index_[h] = uint32_t(k);
  }
}

namespace {

// One step of the search for ip in starts[base, base + len): base moves to the probe's half when
// that one starts at or before ip.
[[gnu::always_inline]] inline void step(const uint32_t* starts, uint32_t ip, size_t& base, size_t& len) {
  const size_t half = len / 2;
  base = select_if(starts[base + half] <= ip, base + half, base);
  len -= half;
}

}  // namespace

int Ipv4Segments::lookup(uint32_t ip) const {
  if (seg_.starts.empty()) return kLookupNone;
  size_t base, len;
  bucket(ip, base, len);
  while (len > 1) step(seg_.starts.data(), ip, base, len);
  const uint16_t c = answer(ip, base);
  return c == kIndexNotFound ? kLookupNone : int(c);
}

void Ipv4Segments::lookup_batch(const uint32_t* ips, uint16_t* out, size_t count) const {
  if (seg_.starts.empty()) {
    std::fill(out, out + count, kIndexNotFound);
    return;
  }
  // Lanes of queries searched in lockstep: each step's loads are independent across lanes, so
  // their cache misses overlap instead of queueing one search behind the other. More lanes keep
  // more loads in flight until their state no longer fits in registers: measured best at 8
  // natively, 4 in WebAssembly (V8's code for it spills sooner).
#ifdef __wasm__
  constexpr size_t kLanes = 4;
#else
  constexpr size_t kLanes = 8;
#endif
  const uint32_t* starts = seg_.starts.data();
  size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    size_t base[kLanes], len[kLanes];
    size_t longest = 0;
    for (size_t l = 0; l < kLanes; ++l) {
      bucket(ips[i + l], base[l], len[l]);
      longest = std::max(longest, len[l]);
    }
    // Every lane takes the longest one's number of steps; a lane already done (len 1, half 0)
    // stays put.
    for (; longest > 1; longest -= longest / 2) {
      for (size_t l = 0; l < kLanes; ++l) step(starts, ips[i + l], base[l], len[l]);
    }
    for (size_t l = 0; l < kLanes; ++l) out[i + l] = answer(ips[i + l], base[l]);
  }
  for (const uint32_t* ip = ips + i; ip != ips + count; ++ip, ++i) {
    size_t base, len;
    bucket(*ip, base, len);
    while (len > 1) step(starts, *ip, base, len);
    out[i] = answer(*ip, base);
  }
}

size_t Ipv4Segments::byte_size() const {
  return seg_.starts.capacity() * sizeof(uint32_t) + seg_.countries.capacity() + index_.capacity() * sizeof(uint32_t);
}

}  // namespace nvw
