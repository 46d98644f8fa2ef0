#include "import/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace admit {
namespace {

constexpr std::size_t kMaxColumns = 16384;  // XFD, Excel's last column
constexpr int kMaxRows = 1048576;

Error xlsx_error(const std::string& why) { return Error{ErrorKind::kBadRequest, "Invalid Excel file: " + why, {}}; }

// Element and attribute names without their namespace prefix ("x:c" -> "c").
std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** atts, std::string_view name) {
  for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
    if (local_name(atts[i]) == name) return atts[i + 1];
  }
  return nullptr;
}

// The archive, with a budget for everything inflated out of it.
class Archive {
 public:
  static Result<std::unique_ptr<Archive>> open(std::string_view bytes, std::size_t budget) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return xlsx_error("cannot read the archive");
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
      zip_source_free(source);
      return xlsx_error("not a zip archive");
    }
    return std::unique_ptr<Archive>(new Archive(archive, budget));
  }
  ~Archive() { zip_discard(archive_); }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // The entry's inflated bytes, nullopt when absent; an Error past the budget or when damaged.
  Result<std::optional<std::string>> read(const std::string& name) {
    zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::optional<std::string>{};
    zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) return xlsx_error("cannot open " + name);
    std::string out;
    char buffer[64 * 1024];
    // The stored size may lie; count what actually comes out.
    for (;;) {
      zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
      if (got < 0) {
        zip_fclose(file);
        return xlsx_error("damaged entry " + name);
      }
      if (got == 0) break;
      if (static_cast<std::size_t>(got) > budget_) {
        zip_fclose(file);
        return xlsx_error("the workbook is too large when uncompressed");
      }
      budget_ -= static_cast<std::size_t>(got);
      out.append(buffer, static_cast<std::size_t>(got));
    }
    zip_fclose(file);
    return std::optional<std::string>(std::move(out));
  }

 private:
  Archive(zip_t* archive, std::size_t budget) : archive_(archive), budget_(budget) {}
  zip_t* archive_;
  std::size_t budget_;
};

// Runs expat over a document with start/end/text callbacks.
struct SaxHandlers {
  std::function<void(std::string_view, const char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

std::optional<std::string> parse_xml(const std::string& xml, SaxHandlers& handlers, const std::string& what) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (!parser) return "out of memory";
  XML_SetUserData(parser.get(), &handlers);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** atts) {
        auto* h = static_cast<SaxHandlers*>(data);
        if (h->start) h->start(local_name(name), atts);
      },
      [](void* data, const XML_Char* name) {
        auto* h = static_cast<SaxHandlers*>(data);
        if (h->end) h->end(local_name(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int len) {
    auto* h = static_cast<SaxHandlers*>(data);
    if (h->text) h->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  if (xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return what + " is too large";
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    return what + ": " + XML_ErrorString(XML_GetErrorCode(parser.get())) + " at line " +
           std::to_string(XML_GetCurrentLineNumber(parser.get()));
  }
  return std::nullopt;
}

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
};

std::vector<Relationship> parse_rels(const std::string& xml, std::optional<std::string>& problem) {
  std::vector<Relationship> out;
  SaxHandlers h;
  h.start = [&](std::string_view name, const char** atts) {
    if (name != "Relationship") return;
    const char* id = attribute(atts, "Id");
    const char* type = attribute(atts, "Type");
    const char* target = attribute(atts, "Target");
    if (id && target) out.push_back({id, type ? type : "", target});
  };
  problem = parse_xml(xml, h, "relationships");
  return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A relationship target relative to the directory of the part that names it ("xl/").
std::string resolve(const std::string& base_dir, const std::string& target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  std::vector<std::string> parts;
  std::string path = base_dir + target;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string directory_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string{} : path.substr(0, slash + 1);
}

std::string rels_path_of(const std::string& part) {
  auto dir = directory_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

// "12" stays "12", "1.0" and "1E+3" become "1" and "1000"; other values keep their shortest form.
std::string format_number(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::string(text);
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    std::string out = buffer;
    return out == "-0" ? "0" : out;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

// "C7" -> column 3 (1-based) and row 7; zeros when absent or malformed.
void parse_reference(std::string_view ref, std::size_t& column, int& row) {
  column = 0;
  row = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && column <= kMaxColumns) {
    column = column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    ++i;
  }
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row <= kMaxRows) {
    row = row * 10 + (ref[i] - '0');
    ++i;
  }
  if (i != ref.size()) column = 0, row = 0;
}

std::vector<std::string> parse_shared_strings(const std::string& xml, std::optional<std::string>& problem) {
  std::vector<std::string> out;
  std::string current;
  bool in_si = false;
  bool in_t = false;
  int phonetic = 0;  // <rPh> runs are reading aids, not text
  SaxHandlers h;
  h.start = [&](std::string_view name, const char**) {
    if (name == "si") {
      in_si = true;
      current.clear();
    } else if (name == "rPh") {
      ++phonetic;
    } else if (name == "t") {
      in_t = true;
    }
  };
  h.end = [&](std::string_view name) {
    if (name == "si") {
      out.push_back(std::move(current));
      current.clear();
      in_si = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      in_t = false;
    }
  };
  h.text = [&](std::string_view s) {
    if (in_si && in_t && phonetic == 0) current += s;
  };
  problem = parse_xml(xml, h, "shared strings");
  return out;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

Result<TextSheet> read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  auto opened = Archive::open(bytes, limits.max_uncompressed_bytes);
  if (!opened) return opened.error();
  Archive& zip = **opened;
  std::optional<std::string> problem;

  // The workbook: named by the package relationships, conventionally xl/workbook.xml.
  std::string workbook_path = "xl/workbook.xml";
  auto root_rels = zip.read("_rels/.rels");
  if (!root_rels) return root_rels.error();
  if (*root_rels) {
    for (const auto& r : parse_rels(**root_rels, problem)) {
      if (ends_with(r.type, "/officeDocument")) workbook_path = resolve("", r.target);
    }
    if (problem) return xlsx_error(*problem);
  }
  auto workbook = zip.read(workbook_path);
  if (!workbook) return workbook.error();
  if (!*workbook) return xlsx_error("no workbook in the archive");

  std::optional<std::string> first_sheet_rel;
  {
    SaxHandlers h;
    h.start = [&](std::string_view name, const char** atts) {
      if (name != "sheet" || first_sheet_rel) return;
      if (const char* id = attribute(atts, "id")) first_sheet_rel = id;
    };
    if (auto p = parse_xml(**workbook, h, "workbook")) return xlsx_error(*p);
  }
  if (!first_sheet_rel) return xlsx_error("the workbook has no worksheet");

  const std::string base = directory_of(workbook_path);
  std::string sheet_path = base + "worksheets/sheet1.xml";
  std::string shared_path = base + "sharedStrings.xml";
  auto workbook_rels = zip.read(rels_path_of(workbook_path));
  if (!workbook_rels) return workbook_rels.error();
  if (*workbook_rels) {
    for (const auto& r : parse_rels(**workbook_rels, problem)) {
      if (r.id == *first_sheet_rel) sheet_path = resolve(base, r.target);
      if (ends_with(r.type, "/sharedStrings")) shared_path = resolve(base, r.target);
    }
    if (problem) return xlsx_error(*problem);
  }

  std::vector<std::string> shared;
  auto shared_xml = zip.read(shared_path);
  if (!shared_xml) return shared_xml.error();
  if (*shared_xml) {
    shared = parse_shared_strings(**shared_xml, problem);
    if (problem) return xlsx_error(*problem);
    shared_xml->reset();
  }

  auto sheet = zip.read(sheet_path);
  if (!sheet) return sheet.error();
  if (!*sheet) return xlsx_error("the first worksheet (" + sheet_path + ") is missing");

  TextSheet table;
  std::size_t cells = 0;
  int row_number = 0;           // 1-based, of the current <row>
  std::size_t next_column = 0;  // 1-based column of a cell without a reference
  std::string cell_type;
  std::size_t cell_column = 0;
  std::string value;
  bool in_cell = false;
  bool in_value = false;  // <v> or an inline string's <t>
  int phonetic = 0;
  std::optional<std::string> failure;

  SaxHandlers h;
  h.start = [&](std::string_view name, const char** atts) {
    if (failure) return;
    if (name == "row") {
      int r = 0;
      if (const char* ref = attribute(atts, "r")) {
        std::size_t ignored = 0;
        parse_reference(ref, ignored, r);
      }
      row_number = r > 0 ? r : row_number + 1;
      if (row_number > kMaxRows) failure = "more than 1048576 rows";
      next_column = 1;
    } else if (name == "c") {
      in_cell = true;
      value.clear();
      const char* t = attribute(atts, "t");
      cell_type = t ? t : "n";
      std::size_t column = 0;
      int r = 0;
      if (const char* ref = attribute(atts, "r")) parse_reference(ref, column, r);
      cell_column = column > 0 ? column : next_column;
      if (r > 0 && r != row_number) row_number = r;
      // A reference reads up to 7 digits ("A9999999"): the row limit applies to cells too.
      if (row_number > kMaxRows) failure = "more than 1048576 rows";
      next_column = cell_column + 1;
    } else if (in_cell && (name == "v" || (name == "t" && cell_type == "inlineStr"))) {
      in_value = true;
    } else if (name == "rPh") {
      ++phonetic;
    }
  };
  h.end = [&](std::string_view name) {
    if (failure) return;
    if (name == "v" || name == "t") {
      in_value = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "c") {
      in_cell = false;
      std::string text;
      if (cell_type == "s") {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc{} || index >= shared.size()) {
          failure = "a cell refers to a missing shared string";
          return;
        }
        text = shared[index];
      } else if (cell_type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (cell_type == "n") {
        text = format_number(value);
      } else {
        text = value;  // inlineStr, str (formula text), e (error), d (ISO date)
      }
      if (text.empty() || cell_column == 0 || cell_column > kMaxColumns || row_number <= 0) return;
      auto row_index = static_cast<std::size_t>(row_number - 1);
      if (table.rows.size() <= row_index) table.rows.resize(row_index + 1);
      auto& row = table.rows[row_index];
      if (row.size() < cell_column) {
        cells += cell_column - row.size();
        if (cells > limits.max_cells) {
          failure = "too many cells";
          return;
        }
        row.resize(cell_column);
      }
      row[cell_column - 1] = std::move(text);
    }
  };
  h.text = [&](std::string_view s) {
    if (in_value && phonetic == 0) value += s;
  };
  if (auto p = parse_xml(**sheet, h, "worksheet")) return xlsx_error(*p);
  if (failure) return xlsx_error(*failure);
  return table;
}

}  // namespace admit
