#include "csv_reader.h"

#include <algorithm>
#include <cstring>

#include "messages.h"

namespace nvw {
namespace {

std::string row_too_long() { return message(messages::kCsvRowTooLong, {{"max", std::to_string(kMaxCsvRowBytes)}}); }

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

bool CsvReader::fail(uint64_t line, std::string detail) {
  stopped_ = true;
  problem_ = {line, std::move(detail)};
  return false;
}

size_t CsvReader::find_row_end(const char* p, size_t size) {
  // The common case: the line holds no quote, so it ends at the first '\n' (one pass, inline:
  // most lines are ~30 bytes, too short for memchr's set-up to pay).
  size_t first_nl = 0;
  while (first_nl < size && p[first_nl] != '\n' && p[first_nl] != '"') ++first_nl;
  if (first_nl == size || p[first_nl] == '\n') return first_nl;
  // Quotes matter only at the start of a field; a quoted field may hold line breaks.
  enum { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted, kAfterQuoted } state = kFieldStart;
  uint64_t line = line_;
  for (size_t i = 0; i < size; ++i) {
    const char c = p[i];
    switch (state) {
      case kFieldStart:
        if (c == '"') {
          state = kQuoted;
          quote_line_ = line;
        } else if (c == ',' || c == '\n')
          state = kFieldStart;
        else if (!is_blank(c))
          state = kUnquoted;
        break;
      case kUnquoted:
        if (c == ',') state = kFieldStart;
        break;
      case kQuoted:
        if (c == '"') state = kQuoteInQuoted;
        break;
      case kQuoteInQuoted:  // "" is an escaped quote; anything else closed the field
        state = c == '"' ? kQuoted : (c == ',' ? kFieldStart : kAfterQuoted);
        break;
      case kAfterQuoted:
        if (c == ',') state = kFieldStart;
        break;
    }
    if (c == '\n') {
      if (state != kQuoted) return i;
      ++line;
    }
  }
  return size;
}

bool CsvReader::feed(const uint8_t* data, size_t size) {
  if (stopped_) return false;
  const char* p = reinterpret_cast<const char*>(data);
  if (at_start_) {  // hold the first 3 bytes back: they may be a UTF-8 BOM, even across chunks
    while (size > 0 && head_.size() < 3) {
      head_ += *p++;
      --size;
    }
    if (head_.size() < 3) return true;
    if (!end_of_head()) return false;
  }
  return feed_rows(p, size);
}

bool CsvReader::end_of_head() {
  at_start_ = false;
  if (head_ == "\xEF\xBB\xBF") return true;
  const std::string head = std::move(head_);
  return feed_rows(head.data(), head.size());
}

bool CsvReader::feed_rows(const char* p, size_t size) {
  if (!pending_.empty()) {
    // Rescan the carried-over row with the new bytes; rows are at most kMaxCsvRowBytes.
    const size_t old = pending_.size();
    const size_t take = size < kMaxCsvRowBytes + 2 ? size : kMaxCsvRowBytes + 2;
    pending_.append(p, take);
    const size_t end = find_row_end(pending_.data(), pending_.size());
    if (end == pending_.size()) {
      pending_.resize(old);
      if (old + size > kMaxCsvRowBytes + 1) return fail(line_, row_too_long());
      pending_.append(p, size);
      return true;
    }
    const size_t used = end + 1 - old;  // bytes of this chunk that completed the row
    std::string row = pending_.substr(0, end);
    pending_.clear();
    if (!emit_row(row)) return false;
    p += used;
    size -= used;
  }
  while (size > 0) {
    const size_t taken = sink_.take_rows(p, size, line_);
    p += taken;
    size -= taken;
    if (size == 0) break;
    const size_t end = find_row_end(p, size);
    if (end == size) {
      if (size > kMaxCsvRowBytes + 1) return fail(line_, row_too_long());
      pending_.assign(p, size);
      return true;
    }
    if (!emit_row(std::string_view(p, end))) return false;
    p += end + 1;
    size -= end + 1;
  }
  return true;
}

bool CsvReader::finish() {
  if (stopped_) return false;
  if (at_start_ && !end_of_head()) return false;
  if (pending_.empty()) return true;
  const size_t end = find_row_end(pending_.data(), pending_.size());
  if (end == pending_.size() && std::memchr(pending_.data(), '"', pending_.size())) {
    // Still inside a quoted field at the end of the input?
    const std::string probe = pending_ + "\n";
    if (find_row_end(probe.data(), probe.size()) == probe.size()) return fail(quote_line_, messages::kCsvUnterminatedQuote);
  }
  std::string row = std::move(pending_);
  pending_.clear();
  return emit_row(row);
}

bool CsvReader::emit_row(std::string_view row) {
  const uint64_t line = line_;
  const bool quoted = std::memchr(row.data(), '"', row.size()) != nullptr;
  // Only a quoted field can hold a line break.
  line_ += 1 + (quoted ? uint64_t(std::count(row.begin(), row.end(), '\n')) : 0);
  if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
  if (row.size() > kMaxCsvRowBytes) return fail(line, row_too_long());
  if (trim(row).empty()) return true;  // blank line
  row_ = CsvRow{};
  row_.line = line;
  if (quoted) {
    if (!split_quoted(row)) return fail(line, messages::kCsvTextAfterQuote);
  } else {
    split_plain(row);
  }
  if (!sink_.row(row_)) {
    stopped_ = true;
    return false;
  }
  return true;
}

void CsvReader::split_plain(std::string_view row) {
  size_t start = 0;
  for (;;) {
    const size_t comma = row.find(',', start);
    if (row_.count < 3)
      row_.fields[row_.count] = trim(row.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    ++row_.count;
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

bool CsvReader::split_quoted(std::string_view row) {
  // The first three fields, unescaped, go to unquoted_; reserve so the views into it stay valid.
  unquoted_.clear();
  unquoted_.reserve(row.size());
  size_t i = 0;
  for (;; ++row_.count) {
    while (i < row.size() && is_blank(row[i])) ++i;
    if (i < row.size() && row[i] == '"') {
      const size_t begin = unquoted_.size();
      const bool kept = row_.count < 3;
      for (++i;; ++i) {  // find_row_end guarantees the closing quote is there
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            if (kept) unquoted_ += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        if (kept) unquoted_ += row[i];
      }
      if (kept) row_.fields[row_.count] = std::string_view(unquoted_).substr(begin);
      while (i < row.size() && is_blank(row[i])) ++i;
      if (i == row.size()) break;
      if (row[i] != ',') return false;
      ++i;
    } else {
      const size_t comma = row.find(',', i);
      if (row_.count < 3)
        row_.fields[row_.count] = trim(row.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
      if (comma == std::string_view::npos) break;
      i = comma + 1;
    }
  }
  ++row_.count;
  return true;
}

}  // namespace nvw
