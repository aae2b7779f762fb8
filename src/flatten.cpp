#include "flatten.h"

#include <algorithm>
#include <numeric>
#include <queue>

#include "messages.h"

namespace nvw {
namespace {

template <typename Address>
constexpr Address kMaxAddress = ~Address{0};

// Row numbers in (start, input order). Input that arrived sorted needs no permutation array: the
// common case, and it keeps the wasm heap small while loading. Otherwise a stable LSD radix sort on
// 16-bit digits (as the JS twin's sortOrder4/sortOrder6): the real IPv4 file shuffled loads in
// 23 ms natively with it, 57 ms with std::sort and a comparator (whose two loads per comparison
// miss the cache); measured by the bench ("shuffled").
template <typename Address>
class SortedOrder {
 public:
  explicit SortedOrder(const RangeRows<Address>& rows) : n_(rows.starts.size()) {
    if (rows.sorted) return;
    order_.resize(n_);
    std::iota(order_.begin(), order_.end(), 0u);
    std::vector<uint32_t> moved(n_);
    std::vector<uint32_t> count(65537);
    for (unsigned shift = 0; shift < 8 * sizeof(Address); shift += 16) {
      auto digit = [&](uint32_t r) { return uint32_t(rows.starts[r] >> shift) & 0xFFFF; };
      std::fill(count.begin(), count.end(), 0);
      for (uint32_t r = 0; r < n_; ++r) ++count[digit(r) + 1];
      if (count[digit(0) + 1] == n_) continue;  // one value of this digit: the pass changes nothing
      for (size_t v = 1; v < count.size(); ++v) count[v] += count[v - 1];
      for (uint32_t r : order_) moved[count[digit(r)]++] = r;
      order_.swap(moved);
    }
  }
  size_t size() const { return n_; }
  uint32_t operator[](size_t k) const { return order_.empty() ? uint32_t(k) : order_[k]; }
  bool empty() const { return n_ == 0; }

 private:
  size_t n_;
  std::vector<uint32_t> order_;
};

// Writes segments in address order, canonical: neighbours with the same country merge, the space
// between two ranges becomes a kNoCountry segment, nothing comes before the first range.
template <typename Address>
class SegmentWriter {
 public:
  // Each row becomes at most two segments (its range and a gap), plus one gap at the end, but real
  // data has few gaps: room for a quarter more segments than rows, grown if that is not enough.
  // Room for the worst case would nearly double the load's peak memory, which a wasm heap keeps.
  // Plain arrays (not zeroed), copied to exact-size vectors at the end.
  explicit SegmentWriter(size_t rows)
      : capacity_(rows + rows / 4 + 16), starts_(new Address[capacity_]), countries_(new uint8_t[capacity_]) {}

  // [first, last] gets `country`; first is above every address written before.
  [[gnu::always_inline]] void emit(Address first, Address last, uint8_t country) {
    if (count_ != 0 && first != next_) push(next_, kNoCountry);
    if (count_ == 0 || country != countries_[count_ - 1]) push(first, country);
    next_ = last + 1;
    at_top_ = last == kMaxAddress<Address>;
  }

  Segments<Address> finish() {
    if (count_ != 0 && !at_top_) push(next_, kNoCountry);
    Segments<Address> out;
    out.starts.assign(starts_.get(), starts_.get() + count_);
    out.countries.assign(countries_.get(), countries_.get() + count_);
    return out;
  }

 private:
  [[gnu::always_inline]] void push(Address start, uint8_t country) {
    if (count_ == capacity_) grow();
    starts_[count_] = start;
    countries_[count_++] = country;
  }

  [[gnu::noinline]] void grow() {
    capacity_ *= 2;
    std::unique_ptr<Address[]> starts(new Address[capacity_]);
    std::unique_ptr<uint8_t[]> countries(new uint8_t[capacity_]);
    std::copy(starts_.get(), starts_.get() + count_, starts.get());
    std::copy(countries_.get(), countries_.get() + count_, countries.get());
    starts_ = std::move(starts);
    countries_ = std::move(countries);
  }

  size_t capacity_;
  std::unique_ptr<Address[]> starts_;
  std::unique_ptr<uint8_t[]> countries_;
  size_t count_ = 0;
  Address next_ = 0;  // one past the last range written
  bool at_top_ = false;
};

// A cluster of overlapping rows, from the k-th in sorted order: a sweep with a heap of the rows
// covering the current address, the narrowest on top (ties: the later row). Returns the position
// after the cluster.
template <typename Address>
size_t sweep(const RangeRows<Address>& rows, const SortedOrder<Address>& order, size_t k, SegmentWriter<Address>& out) {
  struct Candidate {
    Address width;
    uint32_t row;
  };
  auto later_wins = [](const Candidate& a, const Candidate& b) {  // priority_queue keeps the "largest"
    return a.width > b.width || (a.width == b.width && a.row < b.row);
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(later_wins)> active(later_wins);
  Address pos = rows.starts[order[k]];
  for (;;) {
    for (; k < order.size() && rows.starts[order[k]] <= pos; ++k) {
      const uint32_t r = order[k];
      active.push({rows.ends[r] - rows.starts[r], r});
    }
    // The top covers pos: rows that ended before it were dropped, the rows just added start at it.
    const uint32_t winner = active.top().row;
    Address last = rows.ends[winner];
    if (k < order.size() && rows.starts[order[k]] - 1 < last) last = rows.starts[order[k]] - 1;
    out.emit(pos, last, rows.countries[winner]);
    if (last == kMaxAddress<Address>) return order.size();  // then no row starts later
    pos = last + 1;
    while (!active.empty() && rows.ends[active.top().row] < pos) active.pop();
    if (active.empty()) return k;
  }
}

}  // namespace

// Narrowest covering row wins; ties go to the later row. Rows that overlap no other row (nearly all
// of them in real data) are written as they are; clusters of overlapping rows are swept.
// The rows are consumed: they are freed before the segments are copied out, so the two are never
// all in memory at once.
template <typename Address>
Segments<Address> flatten(RangeRows<Address>&& input) {
  SegmentWriter<Address> out(input.starts.size());
  {
    const RangeRows<Address> rows = std::move(input);
    const SortedOrder<Address> order(rows);
    for (size_t k = 0; k < order.size();) {
      const uint32_t r = order[k];
      if (k + 1 == order.size() || rows.starts[order[k + 1]] > rows.ends[r]) {
        out.emit(rows.starts[r], rows.ends[r], rows.countries[r]);
        ++k;
      } else {
        k = sweep(rows, order, k, out);
      }
    }
  }
  return out.finish();
}

// The 'error' policy: the first overlap in (start, input order), against the row reaching furthest.
template <typename Address>
std::optional<CsvProblem> find_overlap(const RangeRows<Address>& rows, Family family) {
  const SortedOrder<Address> order(rows);
  if (order.empty()) return std::nullopt;
  uint32_t furthest = order[0];
  for (size_t k = 1; k < order.size(); ++k) {
    const uint32_t r = order[k];
    if (rows.starts[r] <= rows.ends[furthest]) {
      const uint32_t later = std::max(r, furthest), earlier = std::min(r, furthest);
      const auto range = [&](uint32_t k) { return format_ip(family, rows.starts[k]) + "-" + format_ip(family, rows.ends[k]); };
      return CsvProblem{
          rows.lines[later],
          message(messages::kOverlap, {{"range", range(later)}, {"line", std::to_string(rows.lines[earlier])}, {"other", range(earlier)}})};
    }
    if (rows.ends[r] > rows.ends[furthest]) furthest = r;
  }
  return std::nullopt;
}

template Segments<uint32_t> flatten(RangeRows<uint32_t>&&);
template Segments<u128> flatten(RangeRows<u128>&&);
template std::optional<CsvProblem> find_overlap(const RangeRows<uint32_t>&, Family);
template std::optional<CsvProblem> find_overlap(const RangeRows<u128>&, Family);

}  // namespace nvw
