// One address family's segments, as the builder makes them and the snapshot stores them
// (docs/ip-table.md): segment k covers [starts[k], starts[k+1]) (the last one to the top of the
// family's space), with a country index or kNoCountry.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace nvw {

constexpr uint8_t kNoCountry = 255;  // a segment nobody's range covers
constexpr size_t kMaxCountries = 255;

// Lookup answers: a country index, or one of these.
constexpr int kLookupNone = -1;
constexpr int kLookupInvalidText = -2;
constexpr uint16_t kIndexNotFound = 0xFFFF;  // in lookup_indexes output

// Tables smaller than this are searched whole: an index would not pay for itself.
constexpr size_t kIndexedFrom = 4096;

template <typename Address>
struct Segments {
  std::vector<Address> starts;
  std::vector<uint8_t> countries;
};

// The answer for segment k (-1: before the first one).
inline int country_at(const std::vector<uint8_t>& countries, ptrdiff_t k) {
  if (k < 0) return kLookupNone;
  const uint8_t c = countries[size_t(k)];
  return c == kNoCountry ? kLookupNone : int(c);
}

// How many segments have a country.
inline size_t count_ranges(const std::vector<uint8_t>& countries) {
  return size_t(std::count_if(countries.begin(), countries.end(), [](uint8_t c) { return c != kNoCountry; }));
}

// a if c, else b, without a branch: a search's comparisons are unpredictable, so a conditional
// move beats a branch. Clang on x86 turns such selects back into branches (its cmov conversion
// pass) unless the mask is hidden from it, which the empty asm does.
template <typename Int>
[[gnu::always_inline]] inline Int select_if(bool c, Int a, Int b) {
#if defined(__clang__) && defined(__x86_64__)
  Int mask = Int(0) - Int(c);
  asm("" : "+r"(mask));
  return b + ((a - b) & mask);
#else
  return c ? a : b;
#endif
}

// The binary search of every lookup: given keys[base] <= q (or base one before the range) and
// keys[base + len] > q (or the end), the last k in [base, base + len) with keys[k] <= q.
template <typename Key, typename NotAbove>
[[gnu::always_inline]] inline ptrdiff_t last_not_above(const Key* keys, ptrdiff_t base, size_t len, NotAbove not_above) {
  while (len > 1) {
    const ptrdiff_t half = ptrdiff_t(len / 2);
    base = select_if(not_above(keys[base + half]), base + half, base);
    len -= size_t(half);
  }
  return base;
}

}  // namespace nvw
