// The multipart/form-data parser (http/multipart.cpp). The input's first line is the
// Content-Type header, the rest the body; every part must lie inside the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  std::string_view content_type = input.substr(0, newline);
  std::string_view body = input.substr(newline + 1);
  auto boundary = admit::multipart_boundary(content_type);
  if (!boundary) return 0;
  if (boundary->empty() || boundary->size() > 70) std::abort();
  auto parts = admit::parse_multipart(body, *boundary);
  if (!parts) return 0;
  for (const auto& part : *parts) {
    if (!part.body.empty() &&
        (part.body.data() < body.data() || part.body.data() + part.body.size() > body.data() + body.size())) {
      std::abort();
    }
    if (part.header("content-disposition").empty()) std::abort();
    (void)admit::find_part(*parts, part.name);
  }
  (void)admit::find_part(*parts, "file");
  return 0;
}
