// IPv4/IPv6 text and decimal parsing and formatting (docs/ip-table.md, "Addresses").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nvw {

using u128 = unsigned __int128;

enum class Family : uint8_t { V4, V6 };

struct IpAddress {
  Family family;
  u128 value;  // < 2^32 for V4
};

// Longest valid IPv6 text: eight 4-digit groups with the last two as IPv4 text.
constexpr size_t kMaxIpTextLength = 45;
// The longest text the API layer hands a kernel lookup (longer is no address, checked before).
constexpr size_t kMaxLookupText = 64;

// Strict dotted quad: four parts 0..255, no leading zeros.
std::optional<uint32_t> parse_ipv4(std::string_view text);

// The same rules, for the CSV fast lane: the dotted quad that starts at `p`, without bounds checks.
// Reads up to 16 bytes from `p`, which must exist. Returns where the address ends (the caller
// checks what follows), or nullptr when `p` does not start with one. Branches on the digits are
// cheaper here than branch-free code: real data repeats its octet lengths, so they predict well,
// and predicted branches let the CPU run ahead instead of waiting for each part's length.
[[gnu::always_inline]] inline const char* scan_dotted_quad(const char* p, uint32_t& value) {
  uint32_t v = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0 && *p++ != '.') return nullptr;
    uint32_t n = uint8_t(*p++) - uint32_t{'0'};
    if (n > 9) return nullptr;
    uint32_t d = uint8_t(*p) - uint32_t{'0'};
    if (d <= 9) {
      if (n == 0) return nullptr;  // a leading zero
      n = n * 10 + d;
      d = uint8_t(*++p) - uint32_t{'0'};
      if (d <= 9) {
        n = n * 10 + d;
        if (n > 255 || uint8_t(*++p) - uint32_t{'0'} <= 9) return nullptr;  // too large, or a fourth digit
      }
    }
    v = v << 8 | n;
  }
  value = v;
  return p;
}

// RFC 4291 text, the raw 128-bit value (no IPv4 mapping).
std::optional<u128> parse_ipv6(std::string_view text);
// The same for the CSV fast lane: the IPv6 text at `p` up to the ',' that ends it, read in one
// pass without bounds checks (at most kMaxIpTextLength + 7 bytes from `p`, which must exist).
// Returns where the ',' is, or nullptr: it takes hex groups with at most one "::" only, and leaves
// every other spelling (embedded IPv4 too) to parse_ipv6. js/lane-scans.js is its twin.
const char* scan_ipv6_text(const char* p, u128& value);
// IPv4 or IPv6 text; an IPv4-mapped IPv6 address (::ffff:0:0/96) comes back as IPv4.
std::optional<IpAddress> parse_ip_text(std::string_view text);
// 1..39 ASCII digits, value <= 2^128 - 1.
std::optional<u128> parse_decimal(std::string_view text);

// ::ffff:a.b.c.d -> a.b.c.d; anything else stays IPv6.
IpAddress normalize_ipv6(u128 value);

std::string format_ipv4(uint32_t value);
std::string format_ipv6(u128 value);  // RFC 5952
std::string format_ip(Family family, u128 value);

}  // namespace nvw
