#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "render/table.hpp"

namespace admit {

// CSV as RFC 4180 writes it (fields separated by commas, records ended by CRLF, a field holding a
// comma, a quote, CR or LF enclosed in quotes with its quotes doubled), prefixed by a UTF-8
// byte-order mark: without it Excel reads the file in the machine's code page and mangles accents.
class CsvWriter {
 public:
  CsvWriter();

  void row(const std::vector<std::string>& fields);
  void row(const std::vector<Cell>& cells);
  void blank_line();
  // The document so far (the writer is left empty).
  std::string take();

 private:
  std::string out_;
};

// One field, quoted only when RFC 4180 requires it.
std::string csv_field(std::string_view text);

// A table as a CSV document: header row then rows.
std::string render_csv(const Table& table);

// Several tables in one CSV document: each as a line with its name, its header and rows, and a
// blank line between tables (CSV has no sheets).
std::string render_csv(const std::vector<Table>& tables);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace admit
