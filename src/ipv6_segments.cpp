#include "ipv6_segments.h"

#include <algorithm>

namespace nvw {
namespace {

uint64_t high_half(u128 a) { return uint64_t(a >> 64); }

// How many of the sorted keys[lo, hi) are <= q (< q when strict). The ranges here are at most
// 16 keys: counting them all is quicker than a binary search, whose loads wait on each other.
size_t count_not_above(const uint64_t* keys, size_t lo, size_t hi, uint64_t q, bool strict) {
  size_t count = lo;
  if (strict)
    for (size_t k = lo; k < hi; ++k) count += keys[k] < q;
  else
    for (size_t k = lo; k < hi; ++k) count += keys[k] <= q;
  return count;
}

}  // namespace

Ipv6Segments::Ipv6Segments(Segments<u128> segments) : seg_(std::move(segments)), ranges_(count_ranges(seg_.countries)) {
  if (seg_.starts.size() < kIndexedFrom) return;
  auto sample = [](size_t size, auto key) {  // every 16th key, in a vector without slack
    std::vector<uint64_t> level;
    level.reserve((size + kFanout - 1) / kFanout);
    for (size_t k = 0; k < size; k += kFanout) level.push_back(key(k));
    return level;
  };
  levels_.push_back(sample(seg_.starts.size(), [this](size_t k) { return high_half(seg_.starts[k]); }));
  while (levels_.back().size() > kFanout) {
    const std::vector<uint64_t>& below = levels_.back();
    std::vector<uint64_t> above = sample(below.size(), [&below](size_t k) { return below[k]; });
    levels_.push_back(std::move(above));
  }
}

size_t Ipv6Segments::count_level0(uint64_t high, bool strict) const {
  // The count at each level bounds the next one down: with c keys <= high at level t + 1, level t's
  // keys up to index (c - 1) * 16 are <= high and those from c * 16 on are not; count the rest.
  const std::vector<uint64_t>& top = levels_.back();
  size_t count = count_not_above(top.data(), 0, top.size(), high, strict);
  for (size_t t = levels_.size() - 1; t-- > 0 && count > 0;) {
    const std::vector<uint64_t>& keys = levels_[t];
    const size_t lo = (count - 1) * kFanout + 1;
    count = count_not_above(keys.data(), lo, std::min(count * kFanout, keys.size()), high, strict);
  }
  return count;
}

int Ipv6Segments::lookup(u128 ip) const {
  const u128* starts = seg_.starts.data();
  ptrdiff_t base = -1;
  size_t len = seg_.starts.size() + 1;
  if (!levels_.empty()) {
    // The starts from index (c - 1) * 16 on, where c keys of level 0 are <= the high half, up to
    // the first start whose high half is above it. When level 0 holds keys equal to the high half
    // (a run of starts in one /64 crossing a level-0 key), the run begins at the strict count.
    const uint64_t high = high_half(ip);
    const size_t below_or_at = count_level0(high, false);
    const std::vector<uint64_t>& level0 = levels_.front();
    const size_t below = below_or_at > 0 && level0[below_or_at - 1] == high ? count_level0(high, true) : below_or_at;
    base = below == 0 ? -1 : ptrdiff_t((below - 1) * kFanout);
    len = size_t(ptrdiff_t(std::min(below_or_at * kFanout, seg_.starts.size())) - base);
  }
  if (len > kFanout + 1) return country_at(seg_.countries, last_not_above(starts, base, len, [ip](u128 s) { return s <= ip; }));
  // Short (the usual case): count the starts <= ip, all loads at once.
  ptrdiff_t last = base;
  for (size_t k = 1; k < len; ++k) last += starts[base + ptrdiff_t(k)] <= ip;
  return country_at(seg_.countries, last);
}

size_t Ipv6Segments::byte_size() const {
  size_t bytes = seg_.starts.capacity() * sizeof(u128) + seg_.countries.capacity();
  for (const auto& level : levels_) bytes += level.capacity() * sizeof(uint64_t);
  return bytes;
}

}  // namespace nvw
