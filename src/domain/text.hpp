#pragma once

#include <string>
#include <string_view>

namespace admit {

// Without leading and trailing ASCII white space, as the reference's trimmed string fields.
std::string trim(std::string_view text);

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool is_utf8(std::string_view text);

}  // namespace admit
