// The query-string and form parser (http/query_string.cpp) on arbitrary bytes: it must return an
// object of strings or arrays of strings, and what it returns must serialise.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/json.hpp"
#include "http/query_string.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool plus_is_space : {false, true}) {
    auto decoded = admit::percent_decode(text, plus_is_space);
    if (decoded && decoded->size() > text.size()) std::abort();  // decoding never grows the text
  }
  admit::Json query = admit::parse_query_string(text);
  if (!query.is_object()) std::abort();
  for (const auto& [key, value] : query.items()) {
    if (key.empty()) std::abort();
    if (value.is_array()) {
      if (value.size() < 2) std::abort();
      for (const auto& v : value)
        if (!v.is_string()) std::abort();
    } else if (!value.is_string()) {
      std::abort();
    }
  }
  (void)admit::dump_json(query);
  return 0;
}
