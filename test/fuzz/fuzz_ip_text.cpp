// libFuzzer harness for the address parsers in src/ip_address.h, with differential checks:
// whatever parses must format and parse back to the same value, the formatted text must be the
// canonical form (formatting is idempotent), and the parsers must agree with each other.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "ip_address.h"

namespace {

std::string Hex(nvw::u128 v) {
  static const char* const kHex = "0123456789abcdef";
  std::string s(32, '0');
  for (int k = 31; k >= 0; --k, v >>= 4) s[k] = kHex[unsigned(v & 15)];
  return s;
}

std::string Decimal(nvw::u128 v) {
  if (v == 0) return "0";
  std::string s;
  for (; v; v /= 10) s.insert(s.begin(), char('0' + unsigned(v % 10)));
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Copy into an exactly-sized heap buffer: a read past the text is then an ASan report.
  const std::string owned(reinterpret_cast<const char*>(data), size);
  const std::string_view text(owned);

  const auto v4 = nvw::parse_ipv4(text);
  if (v4) {
    const std::string formatted = nvw::format_ipv4(*v4);
    NVW_FUZZ_CHECK(formatted == text, "IPv4 text is canonical, yet formats as %s", formatted.c_str());
    NVW_FUZZ_CHECK(nvw::parse_ipv4(formatted) == v4, "format -> parse changed %u", *v4);
    NVW_FUZZ_CHECK(!nvw::parse_ipv6(text), "text parses as both IPv4 and IPv6");
  }

  // The CSV fast lane's dotted-quad scanner agrees with parse_ipv4: on the text followed by a comma
  // (and digits it must not read as part of the address), it ends exactly at the comma iff
  // parse_ipv4 accepts the text; wherever it ends, what it read is an address parse_ipv4 accepts.
  {
    std::string padded = owned + ",99999999999999999";
    uint32_t scanned = 0;
    const char* end = nvw::scan_dotted_quad(padded.data(), scanned);
    NVW_FUZZ_CHECK((end == padded.data() + size) == bool(v4), "scan_dotted_quad disagrees with parse_ipv4");
    if (end) {
      const auto prefix = nvw::parse_ipv4(std::string_view(padded.data(), size_t(end - padded.data())));
      NVW_FUZZ_CHECK(prefix && *prefix == scanned, "scan_dotted_quad read an address parse_ipv4 rejects or reads as another");
    }
  }

  const auto v6 = nvw::parse_ipv6(text);

  // The fast lane's IPv6 scanner: on the text followed by a comma and padding to the most it may
  // read (kMaxIpTextLength + 7 bytes, in an exactly-sized buffer, so more is an ASan report), what
  // it takes ends at the first comma and is text parse_ipv6 reads as the same value; text of hex
  // groups and one "::" that parse_ipv6 accepts, it takes.
  {
    std::string padded = owned + ",";
    if (padded.size() < nvw::kMaxIpTextLength + 7) padded.resize(nvw::kMaxIpTextLength + 7, ',');
    const std::unique_ptr<char[]> exact(new char[padded.size()]);
    std::copy(padded.begin(), padded.end(), exact.get());
    nvw::u128 scanned = 0;
    const char* comma = nvw::scan_ipv6_text(exact.get(), scanned);
    const size_t first_comma = owned.find(',');
    if (comma) {
      NVW_FUZZ_CHECK(size_t(comma - exact.get()) == std::min(first_comma, size), "scan_ipv6_text stopped short of the comma");
      const auto parsed = nvw::parse_ipv6(std::string_view(exact.get(), size_t(comma - exact.get())));
      NVW_FUZZ_CHECK(parsed && *parsed == scanned, "scan_ipv6_text took text parse_ipv6 rejects or reads as another value");
    }
    const bool plain = v6 && text.find_first_not_of("0123456789abcdefABCDEF:") == std::string_view::npos;
    NVW_FUZZ_CHECK(!plain || comma, "scan_ipv6_text left plain IPv6 text to the general parser");
  }

  if (v6) {
    NVW_FUZZ_CHECK(text.size() <= nvw::kMaxIpTextLength, "IPv6 text longer than the maximum parsed");
    const std::string formatted = nvw::format_ipv6(*v6);
    const auto again = nvw::parse_ipv6(formatted);
    NVW_FUZZ_CHECK(again && *again == *v6, "format -> parse changed %s (formatted %s)", Hex(*v6).c_str(), formatted.c_str());
    NVW_FUZZ_CHECK(nvw::format_ipv6(*again) == formatted, "formatting is not canonical: %s", formatted.c_str());
    const nvw::IpAddress n = nvw::normalize_ipv6(*v6);
    if (n.family == nvw::Family::V4) {
      NVW_FUZZ_CHECK((*v6 >> 32) == 0xffff && n.value == (*v6 & 0xffffffffu), "bad IPv4 mapping of %s", Hex(*v6).c_str());
    } else {
      NVW_FUZZ_CHECK(n.value == *v6 && (*v6 >> 32) != 0xffff, "bad normalisation of %s", Hex(*v6).c_str());
    }
  }

  const auto ip = nvw::parse_ip_text(text);
  NVW_FUZZ_CHECK(bool(ip) == (bool(v4) || bool(v6)), "parse_ip_text disagrees with parse_ipv4/parse_ipv6");
  if (ip) {
    if (v4) NVW_FUZZ_CHECK(ip->family == nvw::Family::V4 && ip->value == *v4, "parse_ip_text != parse_ipv4");
    if (v6) {
      const nvw::IpAddress n = nvw::normalize_ipv6(*v6);
      NVW_FUZZ_CHECK(ip->family == n.family && ip->value == n.value, "parse_ip_text != normalize(parse_ipv6)");
    }
    if (ip->family == nvw::Family::V4) NVW_FUZZ_CHECK(ip->value <= 0xffffffffu, "IPv4 value above 2^32 - 1");
    const std::string formatted = nvw::format_ip(ip->family, ip->value);
    const auto again = nvw::parse_ip_text(formatted);
    NVW_FUZZ_CHECK(again && again->family == ip->family && again->value == ip->value, "format_ip -> parse_ip_text changed %s",
                   formatted.c_str());
  }

  const auto dec = nvw::parse_decimal(text);
  if (dec) {
    NVW_FUZZ_CHECK(!text.empty() && text.size() <= 39, "decimal of %zu digits accepted", text.size());
    // Leading zeros are allowed in decimals: compare without them.
    std::string_view digits = text;
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    NVW_FUZZ_CHECK(Decimal(*dec) == digits, "decimal %s came back as %s", owned.c_str(), Decimal(*dec).c_str());
    NVW_FUZZ_CHECK(nvw::parse_decimal(Decimal(*dec)) == dec, "decimal round trip failed");
  } else if (!text.empty() && text.size() <= 39 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    // All digits, at most 39 of them: rejected only when above 2^128 - 1 (>= 39 digits).
    NVW_FUZZ_CHECK(text.size() == 39 && text > std::string_view("340282366920938463463374607431768211455"), "decimal %s rejected",
                   owned.c_str());
  }

  // Formatting from raw bits: any 16 bytes format and parse back.
  if (size >= 16) {
    nvw::u128 raw = 0;
    for (int k = 0; k < 16; ++k) raw = (raw << 8) | data[k];
    const std::string f = nvw::format_ipv6(raw);
    NVW_FUZZ_CHECK(nvw::parse_ipv6(f) == raw, "format_ipv6(%s) = %s does not parse back", Hex(raw).c_str(), f.c_str());
    NVW_FUZZ_CHECK(nvw::parse_decimal(Decimal(raw)) == raw, "decimal of %s does not parse back", Hex(raw).c_str());
    const uint32_t r4 = uint32_t(raw);
    NVW_FUZZ_CHECK(nvw::parse_ipv4(nvw::format_ipv4(r4)) == r4, "format_ipv4(%u) does not parse back", r4);
  }
  return 0;
}
