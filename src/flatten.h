// One family's rows as the builder keeps them, and how they become segments (docs/ip-table.md):
// the narrowest covering row wins, ties go to the later row, neighbours with the same country
// merge; or, with the 'error' policy, the first overlap found.
#pragma once
#include <cstdint>
#include <optional>

#include "column.h"
#include "csv_reader.h"
#include "ip_address.h"
#include "segments.h"

namespace nvw {

// Columns, in input order (column.h: they grow without copying).
template <typename Address>
struct RangeRows {
  Column<Address> starts, ends;
  Column<uint8_t> countries;  // parse-time country ids
  Column<uint64_t> lines;     // kept only for the 'error' policy's messages
  bool sorted = true;         // starts arrived non-decreasing
  Address last_start = 0;

  [[gnu::always_inline]] void add(Address start, Address end, uint8_t country, uint64_t line, bool keep_line) {
    sorted &= start >= last_start;
    last_start = start;
    starts.push_back(start);
    ends.push_back(end);
    countries.push_back(country);
    if (keep_line) lines.push_back(line);
  }
};

// The segments of the rows, which are consumed (freed before the segments are copied out).
template <typename Address>
Segments<Address> flatten(RangeRows<Address>&& rows);

// The first overlap in (start, input order), as the 'error' policy reports it; none when disjoint.
template <typename Address>
std::optional<CsvProblem> find_overlap(const RangeRows<Address>& rows, Family family);

}  // namespace nvw
