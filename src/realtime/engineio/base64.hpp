#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace admit {

// Standard base64 (RFC 4648, with padding), as Engine.IO uses for binary packets over polling.
std::string base64_encode(std::string_view bytes);
// Accepts padded or unpadded input; anything else (bad characters, a dangling sextet) is nullopt.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace admit
