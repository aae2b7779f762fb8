#include "csv_reader.h"

#include <algorithm>
#include <cstring>

namespace nvw::reference {
namespace {

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
      if (old + size > kMaxCsvRowBytes + 1) return fail(line_, "row is longer than 65536 bytes");
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
    const size_t end = find_row_end(p, size);
    if (end == size) {
      if (size > kMaxCsvRowBytes + 1) return fail(line_, "row is longer than 65536 bytes");
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
    if (find_row_end(probe.data(), probe.size()) == probe.size()) return fail(quote_line_, "unterminated quoted field");
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
  if (row.size() > kMaxCsvRowBytes) return fail(line, "row is longer than 65536 bytes");
  if (trim(row).empty()) return true;  // blank line
  fields_.clear();
  if (quoted) {
    if (!split_quoted(row)) return fail(line, "unexpected text after a closing quote");
  } else {
    size_t start = 0;
    for (;;) {
      const size_t comma = row.find(',', start);
      fields_.push_back(trim(row.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  if (!sink_.row(fields_, line)) {
    stopped_ = true;
    return false;
  }
  return true;
}

bool CsvReader::split_quoted(std::string_view row) {
  // Unescaped quoted fields go to unquoted_; reserve so the views into it stay valid.
  unquoted_.clear();
  unquoted_.reserve(row.size());
  size_t i = 0;
  for (;;) {
    while (i < row.size() && is_blank(row[i])) ++i;
    if (i < row.size() && row[i] == '"') {
      const size_t begin = unquoted_.size();
      for (++i;; ++i) {  // find_row_end guarantees the closing quote is there
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            unquoted_ += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        unquoted_ += row[i];
      }
      fields_.push_back(std::string_view(unquoted_).substr(begin));
      while (i < row.size() && is_blank(row[i])) ++i;
      if (i == row.size()) return true;
      if (row[i] != ',') return false;
      ++i;
    } else {
      const size_t comma = row.find(',', i);
      fields_.push_back(trim(row.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i)));
      if (comma == std::string_view::npos) return true;
      i = comma + 1;
    }
  }
}

}  // namespace nvw::reference
