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

// Strict dotted quad: four parts 0..255, no leading zeros.
std::optional<uint32_t> parse_ipv4(std::string_view text);

// The same rules, for the CSV fast lane: the dotted quad that starts at `p`, without bounds checks
// and without a branch per digit (octet lengths in real data are random, so such branches
// mispredict). Reads up to 16 bytes from `p`, which must exist. Returns where the address ends
// (the caller checks what follows), or nullptr when `p` does not start with one.
inline const char* scan_dotted_quad(const char* p, uint32_t& value) {
  uint32_t v = 0;
  bool ok = true;
  for (int part = 0; part < 4; ++part) {
    const uint32_t d0 = uint8_t(p[0]) - uint32_t{'0'}, d1 = uint8_t(p[1]) - uint32_t{'0'};
    const uint32_t d2 = uint8_t(p[2]) - uint32_t{'0'}, d3 = uint8_t(p[3]) - uint32_t{'0'};
    const bool two = d1 <= 9, three = two & (d2 <= 9);
    const uint32_t n = three ? d0 * 100 + d1 * 10 + d2 : two ? d0 * 10 + d1 : d0;
    // A digit, no leading zero, at most 255, and no fourth digit.
    ok &= (d0 <= 9) & !(two & (d0 == 0)) & (n <= 255) & !(three & (d3 <= 9));
    v = v << 8 | n;
    p += 1 + two + three;
    if (part < 3) ok &= *p++ == '.';
  }
  value = v;
  return ok ? p : nullptr;
}
// RFC 4291 text, the raw 128-bit value (no IPv4 mapping).
std::optional<u128> parse_ipv6(std::string_view text);
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
