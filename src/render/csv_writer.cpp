#include "render/csv_writer.hpp"

namespace admit {

CsvWriter::CsvWriter() : out_(kUtf8Bom) {}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out_ += ',';
    out_ += csv_field(fields[i]);
  }
  out_ += "\r\n";
}

void CsvWriter::row(const std::vector<Cell>& cells) {
  std::vector<std::string> fields;
  fields.reserve(cells.size());
  for (const auto& cell : cells)
    fields.push_back(cell_text(cell));
  row(fields);
}

void CsvWriter::blank_line() { out_ += "\r\n"; }

std::string CsvWriter::take() {
  std::string out;
  out.swap(out_);
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string render_csv(const Table& table) {
  CsvWriter csv;
  csv.row(table.columns);
  for (const auto& r : table.rows)
    csv.row(r);
  return csv.take();
}

std::string render_csv(const std::vector<Table>& tables) {
  if (tables.size() == 1) return render_csv(tables.front());
  CsvWriter csv;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) csv.blank_line();
    csv.row(std::vector<std::string>{tables[i].name});
    csv.row(tables[i].columns);
    for (const auto& r : tables[i].rows)
      csv.row(r);
  }
  return csv.take();
}

}  // namespace admit
