#include "ip_table_builder.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "messages.h"

namespace nvw {
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

// new_id[kNoCountry] is kNoCountry.
template <typename Address>
void remap(Segments<Address>& seg, const uint8_t (&new_id)[256]) {
  for (auto& c : seg.countries) c = new_id[c];
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
  const int slot = (code[0] - 'A') * 26 + (code[1] - 'A');
  if (id_of_code_[slot] < 0) {
    if (codes_.size() == kMaxCountries) return -1;
    id_of_code_[slot] = int16_t(codes_.size());
    codes_.emplace_back(code);
  }
  return id_of_code_[slot];
}

uint64_t IpTableBuilder::row_cost(Family family) const {
  return (family == Family::V4 ? kRowCostV4 : kRowCostV6) + (policy_ == OverlapPolicy::kError ? kRowCostLine : 0);
}

bool IpTableBuilder::row(const CsvRow& row) {
  const std::string_view* fields = row.fields;
  const uint64_t line = row.line;
  const bool first_row = !seen_first_row_;
  seen_first_row_ = true;
  // A header: the first row, when its first field cannot be data (no digit, and not "abcd::").
  if (first_row && !has_digit(fields[0]) && !parse_ip_text(fields[0])) {
    header_line_ = line;
    header_field_ = quote(fields[0]);
    return true;
  }
  if (row.count < 3) return reject(line, message(messages::kRowTooFewFields, {{"count", std::to_string(row.count)}}));
  const auto start = parse_end(fields[0]);
  if (!start) return reject(line, message(messages::kRowBadStart, {{"start", quote(fields[0])}}));
  const auto end = parse_end(fields[1]);
  if (!end) return reject(line, message(messages::kRowBadEnd, {{"end", quote(fields[1])}}));

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
    return reject(line, message(messages::kRowMixedFamilies, {{"start", quote(fields[0])}, {"end", quote(fields[1])}}));
  }
  const Family family = first.family;
  if (first.value > last.value)
    return reject(line, message(messages::kRowStartAfterEnd, {{"start", quote(fields[0])}, {"end", quote(fields[1])}}));

  const std::string_view code = fields[2];
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (code.size() != 2 || !letter(code[0]) || !letter(code[1]))
    return reject(line, message(messages::kRowBadCountry, {{"country", quote(code)}}));
  const char upper[2] = {char(code[0] & ~0x20), char(code[1] & ~0x20)};
  const int id = country_id(std::string_view(upper, 2));
  if (id < 0) return reject(line, message(messages::kTooManyCountries, {{"max", std::to_string(kMaxCountries)}}));

  memory_ += row_cost(family);
  if (memory_ > max_memory_) {
    return reject(line, max_memory_ == 1 ? std::string(messages::kOverMaxMemoryByte)
                                         : message(messages::kOverMaxMemory, {{"bytes", std::to_string(max_memory_)}}));
  }
  const uint64_t peak = memory_ / kPeakPerBudgetedByteDen * kPeakPerBudgetedByteNum;
  if (shared_ && peak > reserved_) {
    const uint64_t step = std::max(kReserveStep, peak - reserved_);
    if (!shared_->reserve(step)) return reject(line, shared_->exhausted(reserved_ + step));
    reserved_ += step;
  }
  const bool keep_lines = policy_ == OverlapPolicy::kError;
  if (family == Family::V4)
    v4_.add(uint32_t(first.value), uint32_t(last.value), uint8_t(id), line, keep_lines);
  else
    v6_.add(first.value, last.value, uint8_t(id), line, keep_lines);
  return true;
}

namespace {

// The IPv6 text field at p, up to the ',' that ends it: the address, and where the ',' is. Not
// IPv4-mapped text, which is IPv4 (row() takes it).
const char* scan_ipv6_field(const char* p, u128& value) {
  const char* comma = scan_ipv6_text(p, value);
  return comma && normalize_ipv6(value).family == Family::V6 ? comma : nullptr;
}

}  // namespace

size_t IpTableBuilder::take_rows(const char* p, size_t size, uint64_t& line) {
  // The lane takes `a.b.c.d,a.b.c.d,CC` rows and rows of two IPv6 text addresses (then '\n',
  // "\r\n", or more fields without a quote), valid ones only, and only when storing them asks
  // nothing of the budget's limits: any other row, including every row that is an error, is left
  // to row(), which gives the message.
  if (!seen_first_row_) return 0;  // the first row may be a header
  // Room for the three fields and what ends them, so the scans below need no bounds checks (an IPv6
  // scan reads up to 7 bytes past a field's kMaxIpTextLength, still inside the next field's room).
  constexpr size_t kSlack = 2 * (kMaxIpTextLength + 1) + 8;
  const char* const begin = p;
  const char* const end = p + size;
  const bool keep_lines = policy_ == OverlapPolicy::kError;
  const uint64_t cost4 = row_cost(Family::V4), cost6 = row_cost(Family::V6);
  // Locals, written back at the end: stores of row bytes could alias the members.
  uint64_t row_line = line, memory = memory_;
  while (size_t(end - p) >= kSlack) {
    uint32_t first, last;
    u128 first6, last6;
    const char* q = scan_dotted_quad(p, first);
    const bool v6 = !q;
    if (v6) {  // an IPv6 row, or one for row()
      q = scan_ipv6_field(p, first6);
      if (!q) break;
      q = scan_ipv6_field(q + 1, last6);
      if (!q || first6 > last6) break;
    } else {
      if (*q != ',') break;
      q = scan_dotted_quad(q + 1, last);
      if (!q || *q != ',' || first > last) break;
    }
    const char c0 = char(q[1] & ~0x20), c1 = char(q[2] & ~0x20);
    if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') break;
    q += 3;
    if (*q == '\r' && q[1] == '\n') {
      ++q;
    } else if (*q == ',') {  // more fields: unquoted ones are ignored as they are
      const char* nl = static_cast<const char*>(std::memchr(q, '\n', size_t(end - q)));
      if (!nl || std::memchr(q, '"', size_t(nl - q)) || size_t(nl - p) > kMaxCsvRowBytes) break;
      q = nl;
    } else if (*q != '\n') {
      break;
    }
    int id = id_of_code_[(c0 - 'A') * 26 + (c1 - 'A')];
    if (id < 0 && codes_.size() == kMaxCountries) break;
    const uint64_t needed = memory + (v6 ? cost6 : cost4);
    if (needed > max_memory_ || (shared_ && needed / kPeakPerBudgetedByteDen * kPeakPerBudgetedByteNum > reserved_)) break;
    memory = needed;
    if (id < 0) {
      const char code[2] = {c0, c1};
      id = country_id(std::string_view(code, 2));
    }
    if (v6)
      v6_.add(first6, last6, uint8_t(id), row_line++, keep_lines);
    else
      v4_.add(first, last, uint8_t(id), row_line++, keep_lines);
    p = q + 1;
  }
  line = row_line;
  memory_ = memory;
  return size_t(p - begin);
}

std::unique_ptr<IpTable> IpTableBuilder::finish() {
  if (!reader_.finish()) return nullptr;
  // An empty table would answer null for every address: input with no data (an empty file, a
  // header alone, an HTTP error body read as a header) is an error, not a table.
  if (v4_.starts.empty() && v6_.starts.empty()) {
    problem_ = header_line_ ? CsvProblem{header_line_, message(messages::kNoDataHeaderOnly, {{"field", header_field_}})}
                            : CsvProblem{1, messages::kNoDataEmpty};
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
  Segments<uint32_t> v4 = flatten(std::move(v4_));  // consumes the rows
  Segments<u128> v6 = flatten(std::move(v6_));
  // Keep the codes the flattened table can answer, sorted, and renumber the segments. (Indexed by
  // any byte, kNoCountry included, so that the loops over segments need no branch.)
  bool used[256] = {};
  for (uint8_t c : v4.countries) used[c] = true;
  for (uint8_t c : v6.countries) used[c] = true;
  std::vector<uint8_t> ids;
  for (uint8_t i = 0; i < codes_.size(); ++i)
    if (used[i]) ids.push_back(i);
  std::sort(ids.begin(), ids.end(), [&](uint8_t a, uint8_t b) { return codes_[a] < codes_[b]; });
  uint8_t new_id[256];
  std::fill(std::begin(new_id), std::end(new_id), kNoCountry);
  std::string codes;
  for (size_t k = 0; k < ids.size(); ++k) {
    new_id[ids[k]] = uint8_t(k);
    codes += codes_[ids[k]];
  }
  remap(v4, new_id);
  remap(v6, new_id);
  return std::make_unique<IpTable>(std::move(codes), std::move(v4), std::move(v6));
}

}  // namespace nvw
