#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace admit {
namespace {

// A body of a few thousand form fields is an attack, not a form.
constexpr std::size_t kMaxParts = 1000;
constexpr std::size_t kMaxPartHeaderBytes = 16 * 1024;
constexpr std::size_t kMaxBoundaryLength = 70;  // RFC 2046

Error malformed(std::string_view why) {
  return Error{ErrorKind::kBadRequest, "Malformed multipart body: " + std::string(why), {}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// The parameters after the first ';' of a header value (`form-data; name="file"; filename="a.csv"`),
// names lower-cased, quoted values unescaped.
std::vector<std::pair<std::string, std::string>> header_params(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> out;
  auto semi = value.find(';');
  if (semi == std::string_view::npos) return out;
  std::size_t i = semi + 1;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == ';'))
      ++i;
    std::size_t name_start = i;
    while (i < value.size() && value[i] != '=' && value[i] != ';')
      ++i;
    std::string name = lower(trim_ows(value.substr(name_start, i - name_start)));
    std::string param;
    if (i < value.size() && value[i] == '=') {
      ++i;
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t'))
        ++i;
      if (i < value.size() && value[i] == '"') {
        ++i;
        while (i < value.size() && value[i] != '"') {
          // Browsers send a file name's quotes and backslashes escaped.
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          param += value[i++];
        }
        if (i < value.size()) ++i;  // closing quote
        while (i < value.size() && value[i] != ';')
          ++i;
      } else {
        std::size_t start = i;
        while (i < value.size() && value[i] != ';')
          ++i;
        param = std::string(trim_ows(value.substr(start, i - start)));
      }
    }
    if (!name.empty()) out.emplace_back(std::move(name), std::move(param));
  }
  return out;
}

std::optional<std::string> param_of(const std::vector<std::pair<std::string, std::string>>& params,
                                    std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 5987 `filename*=UTF-8''na%C3%AFve.csv`.
std::optional<std::string> extended_value(std::string_view text) {
  auto quotes = text.find("''");
  if (quotes == std::string_view::npos) return std::nullopt;
  std::string out;
  for (std::size_t i = quotes + 2; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<MultipartPart> parse_part(std::string_view raw) {
  MultipartPart part;
  auto end_of_headers = raw.find("\r\n\r\n");
  std::string_view head;
  if (raw.substr(0, 2) == "\r\n") {
    part.body = raw.substr(2);  // no headers at all
  } else if (end_of_headers == std::string_view::npos) {
    return malformed("part headers are not terminated by an empty line");
  } else {
    head = raw.substr(0, end_of_headers);
    part.body = raw.substr(end_of_headers + 4);
  }
  if (head.size() > kMaxPartHeaderBytes) return malformed("part headers are too large");
  while (!head.empty()) {
    auto eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return malformed("part header without a name");
    part.headers.emplace_back(lower(trim_ows(line.substr(0, colon))), std::string(trim_ows(line.substr(colon + 1))));
  }
  auto disposition = part.header("content-disposition");
  if (disposition.empty()) return malformed("part without Content-Disposition");
  if (lower(trim_ows(disposition.substr(0, disposition.find(';')))) != "form-data") {
    return malformed("part's Content-Disposition is not form-data");
  }
  auto params = header_params(disposition);
  auto name = param_of(params, "name");
  if (!name) return malformed("part without a name");
  part.name = std::move(*name);
  if (auto star = param_of(params, "filename*")) part.filename = extended_value(*star);
  if (!part.filename) part.filename = param_of(params, "filename");
  auto type = part.header("content-type");
  part.content_type = type.empty() ? "text/plain" : std::string(type);
  return part;
}

}  // namespace

std::string_view MultipartPart::header(std::string_view lower_name) const {
  for (const auto& [key, value] : headers) {
    if (key == lower_name) return value;
  }
  return {};
}

Result<std::string> multipart_boundary(std::string_view content_type) {
  auto type = lower(trim_ows(content_type.substr(0, content_type.find(';'))));
  if (type != "multipart/form-data") {
    return Error{ErrorKind::kBadRequest, "Content-Type must be multipart/form-data", {}};
  }
  auto boundary = param_of(header_params(content_type), "boundary");
  if (!boundary || boundary->empty())
    return Error{ErrorKind::kBadRequest, "multipart/form-data without a boundary", {}};
  if (boundary->size() > kMaxBoundaryLength) {
    return Error{ErrorKind::kBadRequest, "multipart boundary longer than 70 characters", {}};
  }
  return std::move(*boundary);
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  // The first delimiter opens the body or follows a preamble line.
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    auto found = body.find(next_delimiter);
    if (found == std::string_view::npos) return malformed("no opening boundary");
    pos = found + next_delimiter.size();
  }
  std::vector<MultipartPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the close delimiter; the epilogue is ignored
    // Transport padding may follow a delimiter before its line break.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
      ++pos;
    if (body.substr(pos, 2) != "\r\n") return malformed("boundary line not followed by CRLF");
    pos += 2;
    auto end = body.find(next_delimiter, pos);
    if (end == std::string_view::npos) return malformed("no closing boundary");
    if (parts.size() == kMaxParts) return malformed("more than 1000 parts");
    auto part = parse_part(body.substr(pos, end - pos));
    if (!part) return part.error();
    parts.push_back(std::move(*part));
    pos = end + next_delimiter.size();
  }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

}  // namespace admit
