// The snapshot checksums (docs/ip-table.md, "Snapshot"): XXH32 for version 2, CRC-32 for version 1.
#pragma once
#include <cstddef>
#include <cstdint>

namespace nvw {

// XXH32 with seed 0 (xxHash's 32-bit hash): a quarter of CRC-32's work per byte, in C++, WebAssembly
// and JS alike, which made it most of a snapshot load.
uint32_t xxh32(const uint8_t* data, size_t size);

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): version-1 snapshots.
uint32_t crc32(const uint8_t* data, size_t size);

}  // namespace nvw
