// The immutable IP -> country table (docs/ip-table.md): per family, sorted segment starts with a
// one-byte country index, and a first-level index on the top 16 bits of the address.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ip_address.h"

namespace nvw {

constexpr uint8_t kNoCountry = 255;  // a segment nobody's range covers
constexpr size_t kMaxCountries = 255;

// Lookup answers: a country index, or one of these.
constexpr int kLookupNone = -1;
constexpr int kLookupInvalidText = -2;
constexpr uint16_t kIndexNotFound = 0xFFFF;  // in lookup_indexes output

// One family's segments: segment k covers [starts[k], starts[k+1]) (the last one to the top).
template <typename Address>
struct Segments {
  std::vector<Address> starts;
  std::vector<uint8_t> countries;
  std::vector<uint32_t> index;  // index[h] = first segment whose start's top 16 bits are >= h

  void build_index();
  int lookup(Address address) const;
  size_t byte_size() const;
};

class IpTable {
 public:
  // `codes` holds the sorted country codes, two letters each.
  IpTable(std::string codes, Segments<uint32_t> v4, Segments<u128> v6);

  int lookup_v4(uint32_t address) const { return v4_.lookup(address); }
  int lookup_v6(u128 address) const;
  int lookup_text(std::string_view text) const;
  void lookup_indexes(const uint32_t* ips, uint16_t* out, size_t count) const;

  size_t size() const { return size_v4() + size_v6(); }  // segments with a country, both families
  size_t size_v4() const;
  size_t size_v6() const;
  const std::string& country_codes() const { return codes_; }
  size_t byte_size() const;

  std::vector<uint8_t> to_binary() const;
  // nullptr and a message ("fromBinary: ...") when the bytes are not a valid snapshot.
  static std::unique_ptr<IpTable> from_binary(const uint8_t* data, size_t size, std::string& error);

 private:
  std::string codes_;
  Segments<uint32_t> v4_;
  Segments<u128> v6_;
};

uint32_t crc32(const uint8_t* data, size_t size);

}  // namespace nvw
