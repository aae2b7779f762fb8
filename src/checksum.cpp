#include "checksum.h"

#include <vector>

namespace nvw {
namespace {

constexpr uint32_t kP1 = 0x9E3779B1u, kP2 = 0x85EBCA77u, kP3 = 0xC2B2AE3Du, kP4 = 0x27D4EB2Fu, kP5 = 0x165667B1u;

uint32_t get_u32(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

uint32_t rotl(uint32_t x, int r) { return x << r | x >> (32 - r); }

uint32_t round(uint32_t acc, uint32_t word) { return rotl(acc + word * kP2, 13) * kP1; }

}  // namespace

uint32_t xxh32(const uint8_t* data, size_t size) {
  size_t i = 0;
  uint32_t h;
  if (size >= 16) {
    uint32_t v1 = kP1 + kP2, v2 = kP2, v3 = 0, v4 = 0 - kP1;
    for (; i + 16 <= size; i += 16) {
      v1 = round(v1, get_u32(data + i));
      v2 = round(v2, get_u32(data + i + 4));
      v3 = round(v3, get_u32(data + i + 8));
      v4 = round(v4, get_u32(data + i + 12));
    }
    h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
  } else {
    h = kP5;
  }
  h += uint32_t(size);
  for (; i + 4 <= size; i += 4) h = rotl(h + get_u32(data + i) * kP3, 17) * kP4;
  for (; i < size; ++i) h = rotl(h + data[i] * kP5, 11) * kP1;
  h ^= h >> 15;
  h *= kP2;
  h ^= h >> 13;
  h *= kP3;
  h ^= h >> 16;
  return h;
}

uint32_t crc32(const uint8_t* data, size_t size) {
  // Slicing-by-16: sixteen table lookups per 16 bytes instead of one per byte (16 KiB of tables,
  // which stay in L1).
  static const auto tables = [] {
    std::vector<uint32_t> t(16 * 256);
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    for (uint32_t n = 0; n < 256; ++n) {
      for (int k = 1; k < 16; ++k) t[k * 256 + n] = (t[(k - 1) * 256 + n] >> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
    }
    return t;
  }();
  const uint32_t* t = tables.data();
  // Word w's byte j (little-endian) goes through table 15 - (4w + j).
  const auto lanes = [t](uint32_t word, int w) {
    const uint32_t* u = t + (15 - 4 * w) * 256;
    return u[word & 0xff] ^ (u - 256)[(word >> 8) & 0xff] ^ (u - 512)[(word >> 16) & 0xff] ^ (u - 768)[word >> 24];
  };
  uint32_t crc = 0xFFFFFFFFu;
  size_t i = 0;
  for (; i + 16 <= size; i += 16) {
    crc = lanes(crc ^ get_u32(data + i), 0) ^ lanes(get_u32(data + i + 4), 1) ^ lanes(get_u32(data + i + 8), 2) ^
          lanes(get_u32(data + i + 12), 3);
  }
  for (; i < size; ++i) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

}  // namespace nvw
