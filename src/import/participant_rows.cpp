#include "import/participant_rows.hpp"

#include <array>
#include <optional>
#include <string>

#include "domain/text.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

enum Column { kName, kEmail, kOrganization, kPhone, kColumns };
constexpr std::array<std::string_view, kColumns> kHeaders = {"name", "email", "organization", "phone"};
// The limits of POST /participants (api/participants_api.cpp).
constexpr std::array<std::size_t, kColumns> kMaxLength = {200, 254, 200, 50};

std::string clean_header(std::string_view cell) {
  std::string out = trim(cell);
  while (out.substr(0, 3) == "\xEF\xBB\xBF")
    out = trim(std::string_view(out).substr(3));
  return out;
}

bool is_blank(const std::vector<std::string>& row) {
  for (const auto& cell : row) {
    if (!trim(cell).empty()) return false;
  }
  return true;
}

std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    n += (c & 0xc0) != 0x80;
  return n;
}

}  // namespace

ParticipantRows participant_rows(const TextSheet& table) {
  ParticipantRows out;
  std::size_t header_index = 0;
  while (header_index < table.rows.size() && is_blank(table.rows[header_index]))
    ++header_index;
  if (header_index >= table.rows.size()) return out;

  std::array<std::optional<std::size_t>, kColumns> position;
  const auto& headers = table.rows[header_index];
  for (std::size_t i = 0; i < headers.size(); ++i) {
    auto name = clean_header(headers[i]);
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (name == kHeaders[c] && !position[c]) position[c] = i;
    }
  }

  for (std::size_t r = header_index + 1; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    if (is_blank(cells)) {
      ++out.blank;
      continue;
    }
    const int row_number = static_cast<int>(r) + 1;
    std::array<std::optional<std::string>, kColumns> value;
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (!position[c] || *position[c] >= cells.size()) continue;
      auto text = trim(cells[*position[c]]);
      if (!text.empty()) value[c] = std::move(text);
    }
    std::string email = value[kEmail].value_or("unknown");
    if (!value[kName] || !value[kEmail]) {
      out.rejected.push_back({row_number, email, "Name and email are required"});
      continue;
    }
    std::optional<std::string> problem;
    for (std::size_t c = 0; c < kColumns && !problem; ++c) {
      if (value[c] && characters(*value[c]) > kMaxLength[c]) {
        problem = std::string(kHeaders[c]) + " must be shorter than or equal to " + std::to_string(kMaxLength[c]) +
                  " characters";
      }
    }
    if (!problem && !is_email(*value[kEmail])) problem = "email must be an email";
    if (problem) {
      out.rejected.push_back({row_number, email, std::move(*problem)});
      continue;
    }
    ImportRow row;
    row.row = row_number;
    row.fields.name = std::move(value[kName]);
    row.fields.email = std::move(value[kEmail]);
    row.fields.organization = std::move(value[kOrganization]);
    row.fields.phone = std::move(value[kPhone]);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace admit
