#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace admit {

// Key order is part of the reference's wire format ("status, message, data, ..."), so every JSON
// admit writes keeps insertion order.
using Json = nlohmann::ordered_json;

// Serialises without ever throwing on invalid UTF-8 (it is replaced), since user text is echoed.
inline std::string dump_json(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace admit
