#include "ip_table.h"

#include <algorithm>
#include <cstring>

#include "checksum.h"
#include "messages.h"

namespace nvw {
namespace {

const char kMagic[8] = {'N', 'V', 'W', 'I', 'P', 'T', 'B', 'L'};
// toBinary writes version 2 (checksum XXH32); fromBinary also reads version 1 (checksum CRC-32).
constexpr uint32_t kVersion = 2;
constexpr const char* kVersionsRead = "1 and 2";
constexpr size_t kHeaderBytes = 24;
// Snapshots are little-endian, like x86, ARM and WebAssembly: their arrays can be copied as is.
constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// memcpy with an empty (possibly null) vector's data() is undefined behaviour even for 0 bytes.
void copy_bytes(void* to, const void* from, size_t n) {
  if (n != 0) std::memcpy(to, from, n);
}

uint32_t get_u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

}  // namespace

IpTable::IpTable(std::string codes, Segments<uint32_t> v4, Segments<u128> v6)
    : codes_(std::move(codes)), v4_(std::move(v4)), v6_(std::move(v6)) {}

int IpTable::lookup_v6(u128 address) const {
  const IpAddress ip = normalize_ipv6(address);
  return ip.family == Family::V4 ? v4_.lookup(uint32_t(ip.value)) : v6_.lookup(ip.value);
}

int IpTable::lookup_text(std::string_view text) const {
  const auto ip = parse_ip_text(text);
  if (!ip) return kLookupInvalidText;
  return ip->family == Family::V4 ? v4_.lookup(uint32_t(ip->value)) : v6_.lookup(ip->value);
}

void IpTable::lookup_indexes(const uint32_t* ips, uint16_t* out, size_t count) const { v4_.lookup_batch(ips, out, count); }

size_t IpTable::byte_size() const { return codes_.capacity() + v4_.byte_size() + v6_.byte_size(); }

std::vector<uint8_t> IpTable::to_binary() const {
  const Segments<uint32_t>& v4 = v4_.segments();
  const Segments<u128>& v6 = v6_.segments();
  const size_t c = codes_.size() / 2, n4 = v4.starts.size(), n6 = v6.starts.size();
  std::vector<uint8_t> out(kHeaderBytes + 2 * c + 5 * n4 + 17 * n6 + 4);
  uint8_t* p = out.data();
  auto put_u32 = [&p](uint32_t v) {
    for (int k = 0; k < 4; ++k) *p++ = uint8_t(v >> (8 * k));
  };
  std::memcpy(p, kMagic, 8);
  p += 8;
  put_u32(kVersion);
  put_u32(uint32_t(c));
  put_u32(uint32_t(n4));
  put_u32(uint32_t(n6));
  copy_bytes(p, codes_.data(), codes_.size());
  p += codes_.size();
  for (uint32_t s : v4.starts) put_u32(s);
  copy_bytes(p, v4.countries.data(), n4);
  p += n4;
  for (u128 s : v6.starts) {
    for (int k = 15; k >= 0; --k) *p++ = uint8_t(s >> (8 * k));  // big-endian
  }
  copy_bytes(p, v6.countries.data(), n6);
  p += n6;
  put_u32(xxh32(out.data(), out.size() - 4));
  return out;
}

namespace {

// Checks one family's segments in the order docs/ip-table.md gives; empty string when valid.
template <typename Address>
std::string check_segments(const Segments<Address>& seg, size_t countries, const char* family) {
  const MessageField at_family{"family", family};
  // The message's fields are made only for the segment that fails: to_string per segment was most
  // of a snapshot load.
  const auto at_segment = [](size_t i) { return MessageField{"segment", std::to_string(i)}; };
  for (size_t i = 0; i < seg.starts.size(); ++i) {
    const uint8_t c = seg.countries[i];
    if (c != kNoCountry && c >= countries)
      return message(messages::kSnapshotCountryOutOfRange, {{"country", std::to_string(c)}, at_family, at_segment(i)});
    if (i == 0 && c == kNoCountry) return message(messages::kSnapshotFirstNoCountry, {at_family});
    if (i > 0 && !(seg.starts[i] > seg.starts[i - 1])) return message(messages::kSnapshotNotIncreasing, {at_family, at_segment(i)});
    if (i > 0 && c == seg.countries[i - 1])
      return message(messages::kSnapshotSameCountry, {at_family, {"previous", std::to_string(i - 1)}, at_segment(i)});
  }
  return {};
}

}  // namespace

std::unique_ptr<IpTable> IpTable::from_binary(const uint8_t* data, size_t size, std::string& error) {
  if (size < 8 || std::memcmp(data, kMagic, 8) != 0) {
    error = messages::kSnapshotBadMagic;
    return nullptr;
  }
  const uint32_t version = size >= 12 ? get_u32(data + 8) : kVersion;
  if (version != 1 && version != 2) {
    error = message(messages::kSnapshotVersion, {{"version", std::to_string(version)}, {"supported", kVersionsRead}});
    return nullptr;
  }
  if (size < kHeaderBytes) {
    error = message(messages::kSnapshotTruncated, {{"expected", std::to_string(kHeaderBytes)}, {"size", std::to_string(size)}});
    return nullptr;
  }
  const uint64_t c = get_u32(data + 12), n4 = get_u32(data + 16), n6 = get_u32(data + 20);
  const uint64_t expected = kHeaderBytes + 2 * c + 5 * n4 + 17 * n6 + 4;
  if (size < expected) {
    error = message(messages::kSnapshotTruncated, {{"expected", std::to_string(expected)}, {"size", std::to_string(size)}});
    return nullptr;
  }
  if (size > expected) {
    const size_t extra = size - expected;
    error =
        extra == 1 ? std::string(messages::kSnapshotExtraByte) : message(messages::kSnapshotExtraBytes, {{"extra", std::to_string(extra)}});
    return nullptr;
  }
  const uint32_t checksum = version == 1 ? crc32(data, size - 4) : xxh32(data, size - 4);
  if (checksum != get_u32(data + size - 4)) {
    error = messages::kSnapshotChecksum;
    return nullptr;
  }
  if (c > kMaxCountries) {
    error = message(messages::kSnapshotTooManyCountries, {{"count", std::to_string(c)}});
    return nullptr;
  }
  const uint8_t* p = data + kHeaderBytes;
  std::string codes(reinterpret_cast<const char*>(p), 2 * c);
  p += 2 * c;
  for (size_t i = 0; i < c; ++i) {
    const char a = codes[2 * i], b = codes[2 * i + 1];
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
      error = message(messages::kSnapshotBadCode, {{"index", std::to_string(i)}});
      return nullptr;
    }
  }
  for (size_t i = 1; i < c; ++i) {
    if (codes.compare(2 * i, 2, codes, 2 * (i - 1), 2) <= 0) {
      error = messages::kSnapshotCodesUnsorted;
      return nullptr;
    }
  }
  Segments<uint32_t> v4;
  v4.starts.resize(n4);
  if (kLittleEndian)
    copy_bytes(v4.starts.data(), p, 4 * n4), p += 4 * n4;
  else
    for (auto& s : v4.starts) {
      s = get_u32(p);
      p += 4;
    }
  v4.countries.assign(p, p + n4);
  p += n4;
  Segments<u128> v6;
  v6.starts.resize(n6);
  for (auto& s : v6.starts) {
    uint64_t hi, lo;  // big-endian on the wire
    std::memcpy(&hi, p, 8);
    std::memcpy(&lo, p + 8, 8);
    p += 16;
    if (kLittleEndian) hi = __builtin_bswap64(hi), lo = __builtin_bswap64(lo);
    s = u128{hi} << 64 | lo;
  }
  v6.countries.assign(p, p + n6);
  for (auto problem : {check_segments(v4, c, "IPv4"), check_segments(v6, c, "IPv6")}) {
    if (!problem.empty()) {
      error = problem;
      return nullptr;
    }
  }
  return std::make_unique<IpTable>(std::move(codes), std::move(v4), std::move(v6));
}

}  // namespace nvw
