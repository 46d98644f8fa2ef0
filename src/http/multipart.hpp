#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace admit {

// One part of a multipart/form-data body. `body` points into the parsed text, which must outlive
// the part.
struct MultipartPart {
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string name;                                          // Content-Disposition's name
  std::optional<std::string> filename;                       // present for file fields
  std::string content_type;                                  // "text/plain" when the part has none
  std::string_view body;

  // The value of a header (by lower-case name), or "" when absent.
  std::string_view header(std::string_view lower_name) const;
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type, or a 400 Error
// saying what is wrong with the header.
Result<std::string> multipart_boundary(std::string_view content_type);

// Splits a multipart body (RFC 7578 / RFC 2046) into its parts. Malformed input (no opening
// delimiter, a part without Content-Disposition, no closing delimiter, ...) is a 400 Error whose
// message names the problem.
Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary);

// The first part whose name is `name`, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace admit
