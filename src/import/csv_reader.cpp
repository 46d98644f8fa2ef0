#include "import/csv_reader.hpp"

#include <cstdint>

namespace admit {
namespace {

Error csv_error(const std::string& why, int line) {
  return Error{ErrorKind::kBadRequest, "Invalid CSV file: " + why + " (line " + std::to_string(line) + ")", {}};
}

}  // namespace

bool is_utf8_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if ((c & 0xe0) == 0xc0) {
      extra = 1;
      code = c & 0x1fU;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      code = c & 0x0fU;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      code = c & 0x07U;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3fU);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMin[extra] || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return false;
    i += extra + 1;
  }
  return true;
}

Result<Table> read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!is_utf8_text(text)) {
    return Error{ErrorKind::kBadRequest, "Invalid CSV file: the text is not UTF-8", {}};
  }
  Table table;
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
