// Builds an IpTable from CSV bytes fed in chunks (docs/ip-table.md): validates each row, keeps the
// rows per family, then flattens overlaps (narrowest range wins, or an error) and merges.
// Rows of the common forms (`1.0.0.0,1.0.0.255,AU`, and the same with two IPv6 text addresses)
// take a fast lane (take_rows) that reads them straight from the input; every other row goes
// through the CSV reader's general path (row()).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "csv_reader.h"
#include "flatten.h"
#include "ip_table.h"
#include "memory_budget.h"

namespace nvw {

enum class OverlapPolicy { kNarrowest, kError };

// The memory budget (docs/ip-table.md): each row counts what it and the segments it can become
// take, so a CSV too large for the heap is a CsvError instead of an allocation failure (which
// aborts a WebAssembly module). The default keeps a wasm build well inside its 2 GiB.
constexpr uint64_t kRowCostV4 = 20, kRowCostV6 = 68, kRowCostLine = 8;
constexpr uint64_t kDefaultMaxMemory = uint64_t{1} << 29;
// What a shared heap must hold per budgeted byte: the largest IPv6 table the old 1 GiB default
// allowed peaked at 1.5 GiB of wasm memory (allocator rounding, the sweep's heap, vector growth).
constexpr uint64_t kPeakPerBudgetedByteNum = 3, kPeakPerBudgetedByteDen = 2;
// Reservations against a shared heap are taken in steps, so the heap is asked rarely.
constexpr uint64_t kReserveStep = uint64_t{1} << 22;

class IpTableBuilder : private CsvReader::RowSink {
 public:
  // `shared`, when given, is the heap this builder's memory comes from (see memory_budget.h).
  explicit IpTableBuilder(OverlapPolicy policy, uint64_t max_memory = kDefaultMaxMemory, MemoryBudget* shared = nullptr)
      : policy_(policy), max_memory_(max_memory), shared_(shared), reader_(*this) {
    std::fill(std::begin(id_of_code_), std::end(id_of_code_), int16_t(-1));
  }
  ~IpTableBuilder() override;
  IpTableBuilder(const IpTableBuilder&) = delete;
  IpTableBuilder& operator=(const IpTableBuilder&) = delete;

  bool feed(const uint8_t* data, size_t size) { return reader_.feed(data, size); }
  // The table, or nullptr when the input was bad (see problem()).
  std::unique_ptr<IpTable> finish();
  const CsvProblem& problem() const { return problem_.line ? problem_ : reader_.problem(); }

 private:
  bool row(const CsvRow& row) override;
  size_t take_rows(const char* p, size_t size, uint64_t& line) override;
  bool reject(uint64_t line, std::string detail);
  int country_id(std::string_view code);
  uint64_t row_cost(Family family) const;

  OverlapPolicy policy_;
  uint64_t max_memory_;
  uint64_t memory_ = 0;  // budgeted bytes of the rows so far
  MemoryBudget* shared_;
  uint64_t reserved_ = 0;  // bytes reserved in shared_, released when the builder goes
  CsvReader reader_;
  CsvProblem problem_;
  bool seen_first_row_ = false;
  uint64_t header_line_ = 0;  // the line of the header row, if there was one
  std::string header_field_;  // its first field, quoted for messages
  RangeRows<uint32_t> v4_;
  RangeRows<u128> v6_;
  int16_t id_of_code_[26 * 26];
  std::vector<std::string> codes_;  // by parse-time id
};

}  // namespace nvw
