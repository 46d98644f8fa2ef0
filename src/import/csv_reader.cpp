#include "import/csv_reader.hpp"

#include "domain/text.hpp"

#include <cstdint>

namespace admit {
namespace {

Error csv_error(const std::string& why, int line) {
  return Error{ErrorKind::kBadRequest, "Invalid CSV file: " + why + " (line " + std::to_string(line) + ")", {}};
}

}  // namespace

bool is_utf8_text(std::string_view text) { return text.find('\0') == std::string_view::npos && is_utf8(text); }

Result<TextSheet> read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!is_utf8_text(text)) {
    return Error{ErrorKind::kBadRequest, "Invalid CSV file: the text is not UTF-8", {}};
  }
  TextSheet table;
  std::vector<std::string> row;
  std::string field;
  int line = 1;
  bool row_started = false;  // something (even an empty field) was read on this row
  std::size_t i = 0;
  const std::size_t n = text.size();

  auto end_row = [&] {
    row.push_back(std::move(field));
    field.clear();
    table.rows.push_back(std::move(row));
    row.clear();
    row_started = false;
  };
  // Consumes one line break at i (CRLF, LF or CR); true if there was one.
  auto line_break = [&] {
    if (text[i] == '\r') {
      i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    } else if (text[i] == '\n') {
      ++i;
    } else {
      return false;
    }
    ++line;
    return true;
  };

  while (i < n) {
    row_started = true;
    if (text[i] == '"' && field.empty()) {
      // A quoted field: runs to the next quote that is not doubled.
      int opened = line;
      ++i;
      for (;;) {
        if (i >= n) return csv_error("unterminated quoted field", opened);
        char c = text[i];
        if (c == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
        field += c;
        ++i;
      }
      if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        return csv_error("text after a closing quote", line);
      }
      continue;
    }
    if (text[i] == ',') {
      row.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (line_break()) {
      end_row();
      continue;
    }
    field += text[i];
    ++i;
  }
  if (row_started) end_row();
  return table;
}

}  // namespace admit
