// XLSX import (import/xlsx_reader.cpp: libzip + expat over untrusted bytes), then the
// participant rows built from its table. Limits are lowered from the upload defaults so that an
// input cannot spend the fuzzer's memory on a legitimately huge (but refused-later) sheet.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "import/participant_rows.hpp"
#include "import/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  admit::XlsxLimits limits;
  limits.max_uncompressed_bytes = 8 * 1024 * 1024;
  limits.max_cells = 200'000;
  auto table = admit::read_xlsx(bytes, limits);
  if (table) (void)admit::participant_rows(*table);
  return 0;
}
