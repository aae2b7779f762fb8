#include "ip_table_builder.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <queue>

#include "checksum.h"  // xxh32

namespace nvw::reference {
namespace {

// A field for a message: printable ASCII as is, '"' and '\' escaped, other bytes as \xNN;
// at most 40 bytes, then "...".
std::string quote(std::string_view field) {
  static const char* const kHex = "0123456789abcdef";
  std::string out = "\"";
  const size_t shown = std::min<size_t>(field.size(), 40);
  for (size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(field[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c >= 0x20 && c < 0x7f)
      out += char(c);
    else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (field.size() > 40) out += "...";
  return out + "\"";
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_decimal(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct ParsedEnd {
  bool decimal;
  IpAddress ip;
};

std::optional<ParsedEnd> parse_end(std::string_view field) {
  if (const auto v4 = parse_ipv4(field)) return ParsedEnd{false, {Family::V4, *v4}};  // the common case first
  if (is_decimal(field)) {
    const auto v = parse_decimal(field);
    if (!v) return std::nullopt;
    return ParsedEnd{true, {Family::V4, *v}};  // family settled per row
  }
  const auto ip = parse_ip_text(field);
  if (!ip) return std::nullopt;
  return ParsedEnd{false, *ip};
}

template <typename Address>
constexpr Address kMaxAddress = ~Address{0};

// Row numbers in (start, input order). Input that arrived sorted needs no permutation array: the
// common case, and it keeps the wasm heap small while loading.
template <typename Address>
class SortedOrder {
 public:
  explicit SortedOrder(const RangeRows<Address>& rows) : n_(rows.starts.size()) {
    if (rows.sorted) return;
    order_.resize(n_);
    std::iota(order_.begin(), order_.end(), 0u);
    std::sort(order_.begin(), order_.end(),
              [&](uint32_t a, uint32_t b) { return rows.starts[a] < rows.starts[b] || (rows.starts[a] == rows.starts[b] && a < b); });
  }
  size_t size() const { return n_; }
  uint32_t operator[](size_t k) const { return order_.empty() ? uint32_t(k) : order_[k]; }
  bool empty() const { return n_ == 0; }

 private:
  size_t n_;
  std::vector<uint32_t> order_;
};

// Appends a segment, keeping the list canonical: neighbours differ, no leading "no country".
template <typename Address>
void emit(Segments<Address>& out, Address start, uint8_t country) {
  if (!out.starts.empty() && out.starts.back() == start) {
    out.starts.pop_back();
    out.countries.pop_back();
  }
  const uint8_t previous = out.countries.empty() ? kNoCountry : out.countries.back();
  if (country == previous) return;
  out.starts.push_back(start);
  out.countries.push_back(country);
}

// Narrowest covering row wins; ties go to the later row. A sweep over rows sorted by start with a
// heap of the rows covering the current address (expired ones dropped lazily).
template <typename Address>
Segments<Address> flatten(const RangeRows<Address>& rows) {
  Segments<Address> out;
  const SortedOrder<Address> order(rows);
  struct Candidate {
    Address width;
    uint32_t row;
  };
  auto later_wins = [](const Candidate& a, const Candidate& b) {  // priority_queue keeps the "largest"
    return a.width > b.width || (a.width == b.width && a.row < b.row);
  };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(later_wins)> active(later_wins);
  size_t next = 0;
  Address pos = 0;
  for (;;) {
    auto drop_expired = [&] {
      while (!active.empty() && rows.ends[active.top().row] < pos) active.pop();
    };
    drop_expired();
    if (active.empty()) {
      if (next == order.size()) break;
      emit(out, pos, kNoCountry);  // a gap (emit drops a leading one)
      pos = rows.starts[order[next]];
    }
    while (next < order.size() && rows.starts[order[next]] <= pos) {
      const uint32_t r = order[next++];
      active.push({rows.ends[r] - rows.starts[r], r});
    }
    drop_expired();
    if (active.empty()) continue;
    const uint32_t winner = active.top().row;
    Address last = rows.ends[winner];
    if (next < order.size() && rows.starts[order[next]] - 1 < last) last = rows.starts[order[next]] - 1;
    emit(out, pos, rows.countries[winner]);
    if (last == kMaxAddress<Address>) return out;
    pos = last + 1;
    drop_expired();
    if (active.empty() && (next == order.size() || rows.starts[order[next]] > pos)) emit(out, pos, kNoCountry);
  }
  return out;
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
      return CsvProblem{rows.lines[later], "range " + format_ip(family, rows.starts[later]) + "-" + format_ip(family, rows.ends[later]) +
                                               " overlaps the range on line " + std::to_string(rows.lines[earlier]) + " (" +
                                               format_ip(family, rows.starts[earlier]) + "-" + format_ip(family, rows.ends[earlier]) + ")"};
    }
    if (rows.ends[r] > rows.ends[furthest]) furthest = r;
  }
  return std::nullopt;
}

template <typename Address>
void append(RangeRows<Address>& rows, Address start, Address end, uint8_t country, uint64_t line, bool keep_lines) {
  if (!rows.starts.empty() && start < rows.starts.back()) rows.sorted = false;
  rows.starts.push_back(start);
  rows.ends.push_back(end);
  rows.countries.push_back(country);
  if (keep_lines) rows.lines.push_back(line);
}

template <typename Address>
void remap(Segments<Address>& seg, const std::vector<uint8_t>& new_id) {
  for (auto& c : seg.countries) {
    if (c != kNoCountry) c = new_id[c];
  }
}

}  // namespace

IpTableBuilder::~IpTableBuilder() {
  if (shared_) shared_->release(reserved_);
}

bool IpTableBuilder::reject(uint64_t line, std::string detail) {
  problem_ = {line, std::move(detail)};
  return false;
}

int IpTableBuilder::country_id(std::string_view code) {
  if (!ids_ready_) {
    std::fill(std::begin(id_of_code_), std::end(id_of_code_), int16_t(-1));
    ids_ready_ = true;
  }
  const int slot = (code[0] - 'A') * 26 + (code[1] - 'A');
  if (id_of_code_[slot] < 0) {
    if (codes_.size() == kMaxCountries) return -1;
    id_of_code_[slot] = int16_t(codes_.size());
    codes_.emplace_back(code);
  }
  return id_of_code_[slot];
}

bool IpTableBuilder::row(const std::vector<std::string_view>& fields, uint64_t line) {
  const bool first_row = !seen_first_row_;
  seen_first_row_ = true;
  // A header: the first row, when its first field cannot be data (no digit, and not "abcd::").
  if (first_row && !has_digit(fields[0]) && !parse_ip_text(fields[0])) {
    header_line_ = line;
    header_field_ = quote(fields[0]);
    return true;
  }
  if (fields.size() < 3) return reject(line, "expected at least 3 fields (start,end,country), got " + std::to_string(fields.size()));
  const auto start = parse_end(fields[0]);
  if (!start) return reject(line, "start is not an IP address: " + quote(fields[0]));
  const auto end = parse_end(fields[1]);
  if (!end) return reject(line, "end is not an IP address: " + quote(fields[1]));

  IpAddress first = start->ip, last = end->ip;
  if (start->decimal && end->decimal) {
    // Two numbers up to 4294967295 are IPv4; otherwise both are IPv6, where an IPv4-mapped value
    // (::ffff:0:0/96) is the IPv4 address, as in text.
    if (first.value > 0xffffffffu || last.value > 0xffffffffu) {
      first = normalize_ipv6(first.value);
      last = normalize_ipv6(last.value);
    }
  }
  if (start->decimal != end->decimal || first.family != last.family) {
    return reject(line, "start " + quote(fields[0]) + " and end " + quote(fields[1]) + " are not the same address family");
  }
  const Family family = first.family;
  if (first.value > last.value) return reject(line, "start " + quote(fields[0]) + " is after end " + quote(fields[1]));

  const std::string_view code = fields[2];
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (code.size() != 2 || !letter(code[0]) || !letter(code[1]))
    return reject(line, "country must be two ASCII letters, got " + quote(code));
  const char upper[2] = {char(code[0] & ~0x20), char(code[1] & ~0x20)};
  const int id = country_id(std::string_view(upper, 2));
  if (id < 0) return reject(line, "more than 255 distinct country codes");

  const bool keep_lines = policy_ == OverlapPolicy::kError;
  memory_ += (family == Family::V4 ? kRowCostV4 : kRowCostV6) + (keep_lines ? kRowCostLine : 0);
  if (memory_ > max_memory_) {
    return reject(line, "the table would need more than " + std::to_string(max_memory_) + " bytes of memory (options.maxMemory)");
  }
  const uint64_t peak = memory_ / kPeakPerBudgetedByteDen * kPeakPerBudgetedByteNum;
  if (shared_ && peak > reserved_) {
    const uint64_t step = std::max(kReserveStep, peak - reserved_);
    if (!shared_->reserve(step)) return reject(line, shared_->exhausted(reserved_ + step));
    reserved_ += step;
  }
  if (family == Family::V4)
    append(v4_, uint32_t(first.value), uint32_t(last.value), uint8_t(id), line, keep_lines);
  else
    append(v6_, first.value, last.value, uint8_t(id), line, keep_lines);
  return true;
}

std::unique_ptr<Table> IpTableBuilder::finish() {
  if (!reader_.finish()) return nullptr;
  // An empty table would answer null for every address: input with no data (an empty file, a
  // header alone, an HTTP error body read as a header) is an error, not a table.
  if (v4_.starts.empty() && v6_.starts.empty()) {
    problem_ = header_line_ ? CsvProblem{header_line_, "no data rows: the only row was read as a header (its first field, " +
                                                           header_field_ + ", is not an address)"}
                            : CsvProblem{1, "no data rows: the input is empty"};
    return nullptr;
  }
  if (policy_ == OverlapPolicy::kError) {
    auto v4 = find_overlap(v4_, Family::V4);
    auto v6 = find_overlap(v6_, Family::V6);
    if (v4 && (!v6 || v4->line <= v6->line))
      problem_ = *v4;
    else if (v6)
      problem_ = *v6;
    if (problem_.line) return nullptr;
  }
  Segments<uint32_t> v4 = flatten(v4_);
  v4_ = {};
  Segments<u128> v6 = flatten(v6_);
  v6_ = {};
  // Keep the codes the flattened table can answer, sorted, and renumber the segments.
  std::vector<bool> used(codes_.size(), false);
  for (uint8_t c : v4.countries)
    if (c != kNoCountry) used[c] = true;
  for (uint8_t c : v6.countries)
    if (c != kNoCountry) used[c] = true;
  std::vector<uint8_t> ids;
  for (uint8_t i = 0; i < codes_.size(); ++i)
    if (used[i]) ids.push_back(i);
  std::sort(ids.begin(), ids.end(), [&](uint8_t a, uint8_t b) { return codes_[a] < codes_[b]; });
  std::vector<uint8_t> new_id(codes_.size(), kNoCountry);
  std::string codes;
  for (size_t k = 0; k < ids.size(); ++k) {
    new_id[ids[k]] = uint8_t(k);
    codes += codes_[ids[k]];
  }
  remap(v4, new_id);
  remap(v6, new_id);
  return std::make_unique<Table>(Table{std::move(codes), std::move(v4), std::move(v6)});
}

std::vector<uint8_t> Table::to_binary() const {
  std::vector<uint8_t> out;
  auto put_u32 = [&out](uint32_t v) {
    for (int k = 0; k < 4; ++k) out.push_back(uint8_t(v >> (8 * k)));
  };
  out.insert(out.end(), {'N', 'V', 'W', 'I', 'P', 'T', 'B', 'L'});
  put_u32(2);  // version
  put_u32(uint32_t(codes.size() / 2));
  put_u32(uint32_t(v4.starts.size()));
  put_u32(uint32_t(v6.starts.size()));
  out.insert(out.end(), codes.begin(), codes.end());
  for (uint32_t s : v4.starts) put_u32(s);
  out.insert(out.end(), v4.countries.begin(), v4.countries.end());
  for (u128 s : v6.starts) {
    for (int k = 15; k >= 0; --k) out.push_back(uint8_t(s >> (8 * k)));
  }
  out.insert(out.end(), v6.countries.begin(), v6.countries.end());
  put_u32(xxh32(out.data(), out.size()));
  return out;
}

}  // namespace nvw::reference
