#include "ip_address.h"

#include <array>

namespace nvw {
namespace {

constexpr u128 kMappedPrefix = u128{0xffff} << 32;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// kHexValue[c]: the value of the hex digit c, or -1. A table, not range checks: the digits of real
// addresses mix 0-9 and a-f unpredictably, and the checks' branches mispredicted.
constexpr std::array<int8_t, 256> kHexValue = [] {
  std::array<int8_t, 256> table{};
  for (auto& v : table) v = -1;
  for (int c = 0; c < 10; ++c) table['0' + c] = int8_t(c);
  for (int c = 0; c < 6; ++c) table['a' + c] = table['A' + c] = int8_t(10 + c);
  return table;
}();

int hex_value(char c) { return kHexValue[uint8_t(c)]; }

// The `count` parsed groups, with "::" at gap_at (-1: none) standing for the missing ones, as one
// value; nothing if they are not eight.
std::optional<u128> pack_groups(uint16_t (&groups)[8], int count, int gap_at) {
  if (gap_at >= 0) {
    if (count > 7) return std::nullopt;  // "::" must stand for at least one group
    const int fill = 8 - count;
    for (int k = count - 1; k >= gap_at; --k) groups[k + fill] = groups[k];
    for (int k = gap_at; k < gap_at + fill; ++k) groups[k] = 0;
  } else if (count != 8) {
    return std::nullopt;
  }
  u128 value = 0;
  for (uint16_t g : groups) value = (value << 16) | g;
  return value;
}

}  // namespace

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  uint32_t value = 0;
  size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
    if (i >= text.size() || !is_digit(text[i])) return std::nullopt;
    if (text[i] == '0' && i + 1 < text.size() && is_digit(text[i + 1])) return std::nullopt;  // leading zero
    uint32_t n = 0;
    size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (++digits > 3) return std::nullopt;
      n = n * 10 + uint32_t(text[i++] - '0');
    }
    if (n > 255) return std::nullopt;
    value = (value << 8) | n;
  }
  if (i != text.size()) return std::nullopt;
  return value;
}

std::optional<u128> parse_ipv6(std::string_view text) {
  if (text.size() < 2 || text.size() > kMaxIpTextLength) return std::nullopt;
  uint16_t groups[8] = {};
  int count = 0;
  int gap_at = -1;  // where "::" stands, in groups
  size_t i = 0;
  if (text[0] == ':') {
    if (text[1] != ':') return std::nullopt;
    gap_at = 0;
    i = 2;
  }
  while (i < text.size()) {
    const size_t start = i;
    uint32_t value = 0;
    for (int h; i < text.size() && i - start < 5 && (h = hex_value(text[i])) >= 0; ++i) value = value * 16 + uint32_t(h);
    if (i < text.size() && text[i] == '.') {  // embedded IPv4 takes the last two groups
      if (count > 6) return std::nullopt;
      const auto v4 = parse_ipv4(text.substr(start));
      if (!v4) return std::nullopt;
      groups[count++] = uint16_t(*v4 >> 16);
      groups[count++] = uint16_t(*v4);
      i = text.size();
      break;
    }
    const size_t digits = i - start;
    if (digits == 0 || digits > 4 || count == 8) return std::nullopt;
    groups[count++] = uint16_t(value);
    if (i == text.size()) break;
    if (text[i] != ':') return std::nullopt;
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (gap_at >= 0) return std::nullopt;  // a second "::"
      gap_at = count;
      ++i;
    } else if (i == text.size()) {
      return std::nullopt;  // trailing single ':'
    }
  }
  return pack_groups(groups, count, gap_at);
}

const char* scan_ipv6_text(const char* p, u128& value) {
  const char* const stop = p + kMaxIpTextLength;
  const char* i = p;
  uint16_t groups[8] = {};
  int count = 0;
  int gap_at = -1;
  if (*i == ':') {
    if (i[1] != ':') return nullptr;
    gap_at = 0;
    i += 2;
  }
  if (*i != ',') {
    for (;;) {  // a group: one to four hex digits
      int group = hex_value(*i);
      if (group < 0 || count == 8 || i > stop) return nullptr;
      int h = hex_value(*++i);
      if (h >= 0) {
        group = group << 4 | h;
        h = hex_value(*++i);
        if (h >= 0) {
          group = group << 4 | h;
          h = hex_value(*++i);
          if (h >= 0) {
            group = group << 4 | h;
            if (hex_value(*++i) >= 0) return nullptr;  // a fifth digit
          }
        }
      }
      groups[count++] = uint16_t(group);
      if (*i == ',') break;
      if (*i != ':') return nullptr;  // '.' (embedded IPv4), '%', a space: parse_ipv6's
      if (*++i == ':') {
        if (gap_at >= 0) return nullptr;  // a second "::"
        gap_at = count;
        if (*++i == ',') break;
      }
    }
  }
  if (i > stop) return nullptr;
  const auto packed = pack_groups(groups, count, gap_at);
  if (!packed) return nullptr;
  value = *packed;
  return i;
}

IpAddress normalize_ipv6(u128 value) {
  if ((value >> 32) == (kMappedPrefix >> 32)) return {Family::V4, value & 0xffffffffu};
  return {Family::V6, value};
}

std::optional<IpAddress> parse_ip_text(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    const auto v6 = parse_ipv6(text);
    if (!v6) return std::nullopt;
    return normalize_ipv6(*v6);
  }
  const auto v4 = parse_ipv4(text);
  if (!v4) return std::nullopt;
  return IpAddress{Family::V4, *v4};
}

std::optional<u128> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 39) return std::nullopt;
  const u128 max = ~u128{0};
  u128 value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    const unsigned d = unsigned(c - '0');
    if (value > (max - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

std::string format_ipv4(uint32_t value) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (shift != 24) out += '.';
    out += std::to_string((value >> shift) & 0xff);
  }
  return out;
}

std::string format_ipv6(u128 value) {
  uint16_t groups[8];
  for (int k = 7; k >= 0; --k, value >>= 16) groups[k] = uint16_t(value);
  // The longest run of two or more zero groups becomes "::" (the first on a tie).
  int best_at = -1, best_len = 1;
  for (int k = 0; k < 8;) {
    if (groups[k] != 0) {
      ++k;
      continue;
    }
    int end = k;
    while (end < 8 && groups[end] == 0) ++end;
    if (end - k > best_len) {
      best_at = k;
      best_len = end - k;
    }
    k = end;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k == best_at) {
      out += "::";
      k += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const int nibble = (groups[k] >> shift) & 0xf;
      if (nibble != 0 || started || shift == 0) {
        out += kHex[nibble];
        started = true;
      }
    }
  }
  return out;
}

std::string format_ip(Family family, u128 value) { return family == Family::V4 ? format_ipv4(uint32_t(value)) : format_ipv6(value); }

}  // namespace nvw
