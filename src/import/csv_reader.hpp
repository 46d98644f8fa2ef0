#pragma once

#include <string_view>

#include "domain/result.hpp"
#include "import/text_sheet.hpp"

namespace admit {

// Reads RFC 4180 CSV: comma separated, fields optionally in double quotes, "" inside quotes is a
// quote, and commas, CR and LF inside quotes are data. Lines may end in CRLF or LF (or a lone CR);
// a UTF-8 byte-order mark is dropped. A quote inside an unquoted field is kept as data (as
// spreadsheets write it). Refused with a 400 Error: an unterminated quoted field, text after a
// closing quote, and text that is not UTF-8.
Result<TextSheet> read_csv(std::string_view text);

// Valid UTF-8 without NUL bytes: what a CSV file must be (and what tells it from a binary file).
bool is_utf8_text(std::string_view text);

}  // namespace admit
