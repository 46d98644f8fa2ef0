#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace admit::test {

// Reads downloaded spreadsheets back with readers independent of admit's writers: openpyxl (via
// tests/tools/xlsx_dump.py, Debian's python3-openpyxl) for .xlsx, and a small RFC 4180 parser
// for CSV.

inline std::filesystem::path xlsx_dump_tool() {
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "tools" / "xlsx_dump.py";
}

// {"sheets": [{"name", "rows": [[cells]]}]} of the workbook bytes; throws if openpyxl cannot read it.
inline nlohmann::json read_xlsx(const std::string& bytes) {
  std::random_device random;
  auto file = std::filesystem::temp_directory_path() / ("admit-test-" + std::to_string(random()) + ".xlsx");
  std::ofstream(file, std::ios::binary) << bytes;
  std::string command = "/usr/bin/python3 " + xlsx_dump_tool().string() + " " + file.string() + " 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      out.append(buffer.data(), n);
    int status = pclose(pipe);
    std::filesystem::remove(file);
    if (status != 0) throw std::runtime_error("xlsx_dump.py failed: " + out);
  } else {
    std::filesystem::remove(file);
    throw std::runtime_error("cannot run xlsx_dump.py");
  }
  return nlohmann::json::parse(out);
}

// The rows of the named sheet (throws if it is missing), as the tests' JSON type, so that they compare
// with expected values without an ambiguous mixed-type operator== (clang rejects that one).
inline nlohmann::ordered_json sheet_rows(const nlohmann::json& workbook, const std::string& name) {
  for (const auto& sheet : workbook.at("sheets"))
    if (sheet.at("name") == name) return nlohmann::ordered_json(sheet.at("rows"));
  throw std::runtime_error("no sheet " + name);
}

inline std::vector<std::string> sheet_names(const nlohmann::json& workbook) {
  std::vector<std::string> names;
  for (const auto& sheet : workbook.at("sheets"))
    names.push_back(sheet.at("name").get<std::string>());
  return names;
}

// RFC 4180: records end with CRLF (a bare LF is accepted too), quoted fields may hold commas,
// quotes (doubled) and line breaks. The byte-order mark, if any, must be stripped first.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

inline constexpr const char* kBom = "\xEF\xBB\xBF";

}  // namespace admit::test
