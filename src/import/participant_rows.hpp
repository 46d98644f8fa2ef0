#pragma once

#include <vector>

#include "domain/participant_import.hpp"
#include "import/text_sheet.hpp"

namespace admit {

struct ParticipantRows {
  std::vector<ImportRow> rows;           // rows to import, in file order
  std::vector<ImportRowError> rejected;  // rows refused here, with why
  std::size_t blank = 0;                 // blank rows skipped
};

// Turns a sheet into participant rows. The first non-blank row holds the headers; the columns
// read are exactly `name`, `email`, `organization` and `phone` (surrounding spaces and a UTF-8 BOM
// around a header are ignored, other columns are). Cells are trimmed; empty cells are absent;
// blank rows are skipped. A row without name or email is rejected with the reference's "Name and
// email are required"; an invalid email or an over-long value with the validation message of
// POST /participants.
ParticipantRows participant_rows(const TextSheet& table);

}  // namespace admit
