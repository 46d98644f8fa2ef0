// CSV import: the reader (import/csv_reader.cpp), then the participant rows built from its table
// (import/participant_rows.cpp), as POST /bulk/upload and `admit import` do.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/text.hpp"
#include "import/csv_reader.hpp"
#include "import/participant_rows.hpp"
#include "import/sheet_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = admit::read_csv(text);
  if (table) {
    for (const auto& row : table->rows)
      for (const auto& cell : row)
        if (!admit::is_utf8(cell)) std::abort();
    auto rows = admit::participant_rows(*table);
    if (rows.rows.size() + rows.rejected.size() + rows.blank > table->rows.size()) std::abort();
  }
  // The upload path: the declared type decides whether the bytes may be a sheet at all.
  auto sheet = admit::read_sheet(text, "text/csv", "participants.csv");
  if (sheet) (void)admit::participant_rows(*sheet);
  return 0;
}
