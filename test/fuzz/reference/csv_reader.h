// The reference the fuzzer checks src/ against (test/fuzz/fuzz_csv_reference.cpp): the CSV reader
// as it was before the fast path of issue 13, frozen. Do not optimise it.
// A streaming CSV row splitter (docs/ip-table.md, "CSV input"): takes bytes in chunks of any
// size and hands out complete rows as fields. Quoted fields follow RFC 4180.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nvw::reference {

constexpr size_t kMaxCsvRowBytes = 65536;

struct CsvProblem {
  uint64_t line = 0;
  std::string detail;  // the message without the "line N: " prefix
};

class CsvReader {
 public:
  // Receives each non-blank row (the header included) with the line it starts on.
  // Returns false to stop reading (the row was rejected).
  class RowSink {
   public:
    virtual ~RowSink() = default;
    virtual bool row(const std::vector<std::string_view>& fields, uint64_t line) = 0;
  };

  explicit CsvReader(RowSink& sink) : sink_(sink) {}

  // Both return false once reading stopped, because of a CSV problem (see problem()) or the sink.
  bool feed(const uint8_t* data, size_t size);
  bool finish();

  const CsvProblem& problem() const { return problem_; }
  bool failed() const { return stopped_; }

 private:
  bool fail(uint64_t line, std::string detail);
  bool end_of_head();  // the first bytes are in: drop a BOM, feed the rest
  bool feed_rows(const char* p, size_t size);
  // Where the row starting at `p` ends (the index of its '\n'), or `size` if it does not end here.
  size_t find_row_end(const char* p, size_t size);
  bool emit_row(std::string_view row);
  bool split_quoted(std::string_view row);

  RowSink& sink_;
  std::string head_;         // the first bytes of the input, until we know whether they are a BOM
  std::string pending_;      // an incomplete row carried over to the next chunk
  uint64_t line_ = 1;        // the line the next row starts on
  uint64_t quote_line_ = 0;  // where the last quote that is still open opened
  bool at_start_ = true;     // still before a possible BOM
  bool stopped_ = false;
  CsvProblem problem_;
  std::vector<std::string_view> fields_;
  std::string unquoted_;  // storage for fields that needed unescaping
};

}  // namespace nvw::reference
