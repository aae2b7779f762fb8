// A streaming CSV row splitter (docs/ip-table.md, "CSV input"): takes bytes in chunks of any
// size and hands out complete rows: their first three fields, and how many fields they have.
// Quoted fields follow RFC 4180.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nvw {

constexpr size_t kMaxCsvRowBytes = 65536;

struct CsvProblem {
  uint64_t line = 0;
  std::string detail;  // the message without the "line N: " prefix
};

// One row. The fields are trimmed and unquoted; the views are valid during the sink's row() call.
struct CsvRow {
  std::string_view fields[3];  // the first three; those the row does not have are empty
  size_t count = 0;            // how many fields the row has
  uint64_t line = 0;           // the line it starts on
};

class CsvReader {
 public:
  class RowSink {
   public:
    virtual ~RowSink() = default;
    // Receives each non-blank row (the header included). Returns false to stop reading (the row
    // was rejected).
    virtual bool row(const CsvRow& row) = 0;
    // A fast lane the reader offers each stretch of input before splitting it: the sink may take
    // whole rows from the front of [p, p + size) itself — rows it recognises as plain, valid data
    // and handles exactly as row() would — adding their lines to `line`. Returns the bytes taken
    // (whole rows, each with its '\n'); rows it does not take come through row().
    virtual size_t take_rows(const char* p, size_t size, uint64_t& line) = 0;
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
  void split_plain(std::string_view row);
  bool split_quoted(std::string_view row);

  RowSink& sink_;
  std::string head_;         // the first bytes of the input, until we know whether they are a BOM
  std::string pending_;      // an incomplete row carried over to the next chunk
  uint64_t line_ = 1;        // the line the next row starts on
  uint64_t quote_line_ = 0;  // where the last quote that is still open opened
  bool at_start_ = true;     // still before a possible BOM
  bool stopped_ = false;
  CsvProblem problem_;
  CsvRow row_;
  std::string unquoted_;  // storage for fields that needed unescaping
};

}  // namespace nvw
