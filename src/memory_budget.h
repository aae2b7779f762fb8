// A memory budget shared by everything alive in one heap (docs/ip-table.md, "Memory budget").
// A WebAssembly module has a single linear memory (at most 2 GiB here) that every table and
// builder shares; an allocation that fails there aborts the module. Builders reserve what they
// will need here before they grow, so running out is a CsvError instead of an abort.
#pragma once
#include <cstdint>
#include <string>

namespace nvw {

class MemoryBudget {
 public:
  // false when `bytes` more cannot be had; then nothing was reserved.
  virtual bool reserve(uint64_t bytes) = 0;
  virtual void release(uint64_t bytes) = 0;
  // The CsvError detail for a build that ran out, its estimate being `needed` bytes.
  virtual std::string exhausted(uint64_t needed) const = 0;

 protected:
  ~MemoryBudget() = default;
};

}  // namespace nvw
