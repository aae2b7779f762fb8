// The immutable IP -> country table (docs/ip-table.md): per family, sorted segment starts with a
// one-byte country index, and an index to search them (ipv4_segments.h, ipv6_segments.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ip_address.h"
#include "ipv4_segments.h"
#include "ipv6_segments.h"
#include "segments.h"

namespace nvw {

class IpTable {
 public:
  // `codes` holds the sorted country codes, two letters each.
  IpTable(std::string codes, Segments<uint32_t> v4, Segments<u128> v6);

  int lookup_v4(uint32_t address) const { return v4_.lookup(address); }
  int lookup_v6(u128 address) const;
  int lookup_text(std::string_view text) const;
  void lookup_indexes(const uint32_t* ips, uint16_t* out, size_t count) const;

  size_t size() const { return size_v4() + size_v6(); }  // segments with a country, both families
  size_t size_v4() const { return v4_.ranges(); }
  size_t size_v6() const { return v6_.ranges(); }
  const std::string& country_codes() const { return codes_; }
  const Ipv4Segments& v4() const { return v4_; }
  size_t byte_size() const;

  std::vector<uint8_t> to_binary() const;
  // nullptr and a message ("fromBinary: ...") when the bytes are not a valid snapshot.
  static std::unique_ptr<IpTable> from_binary(const uint8_t* data, size_t size, std::string& error);

 private:
  std::string codes_;
  Ipv4Segments v4_;
  Ipv6Segments v6_;
};

}  // namespace nvw
