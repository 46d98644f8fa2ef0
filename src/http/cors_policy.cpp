#include "http/cors_policy.hpp"

#include <algorithm>
#include <cctype>

namespace admit {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

// The host of an authority ("Example.org:8443" -> "Example.org", "[::1]:3000" -> "[::1]").
std::string_view host_of(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// scheme://host[:port] with nothing after it.
bool is_origin(std::string_view origin) {
  auto sep = origin.find("://");
  if (sep == std::string_view::npos) return false;
  auto scheme = origin.substr(0, sep);
  if (scheme != "http" && scheme != "https") return false;
  auto authority = origin.substr(sep + 3);
  if (authority.empty()) return false;
  for (char c : authority) {
    if (c == '/' || c == '?' || c == '#' || c == '@' || c == '*' || std::isspace(static_cast<unsigned char>(c)))
      return false;
  }
  return true;
}

// Keeps what the response already varies on (static files vary on Accept-Encoding).
void add_vary(HttpResponse& response, std::string_view value) {
  auto existing = response[bhttp::field::vary];
  if (existing.empty()) {
    response.set(bhttp::field::vary, value);
  } else if (existing.find(value) == std::string_view::npos) {
    response.set(bhttp::field::vary, std::string(existing) + ", " + std::string(value));
  }
}

}  // namespace

std::optional<CorsPolicy> CorsPolicy::parse(std::string_view list, std::string& error) {
  std::vector<std::string> origins;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    auto origin = lower(entry);
    if (origin.back() == '/') origin.pop_back();
    if (!is_origin(origin)) {
      error = "'" + std::string(entry) +
              "' is not an origin (expected scheme://host[:port], e.g. https://board.example.org)";
      return std::nullopt;
    }
    if (std::find(origins.begin(), origins.end(), origin) == origins.end()) origins.push_back(std::move(origin));
  }
  return CorsPolicy(std::move(origins));
}

bool CorsPolicy::allows(std::string_view origin) const {
  if (origin.empty()) return false;
  // Browsers send the serialized origin in lower case; compare exactly, not by prefix.
  return std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

bool CorsPolicy::is_own_or_allowed_origin(const HttpRequest& request) const {
  auto origin = request[bhttp::field::origin];
  if (origin.empty() || allows(origin)) return true;
  // "null" (sandboxed frames, file: pages) and anything else without a scheme is not ours.
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  auto host = host_of(request[bhttp::field::host]);
  return !host.empty() && beast::iequals(host_of(origin.substr(scheme_end + 3)), host);
}

bool CorsPolicy::is_preflight(const HttpRequest& request) {
  return request.method() == bhttp::verb::options && request.find(bhttp::field::origin) != request.end() &&
         request.find(bhttp::field::access_control_request_method) != request.end();
}

HttpResponse CorsPolicy::preflight(const HttpRequest& request) const {
  HttpResponse res{bhttp::status::no_content, request.version()};
  res.keep_alive(request.keep_alive());
  res.set(bhttp::field::vary, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  auto origin = request[bhttp::field::origin];
  if (allows(origin)) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_credentials, "true");
    res.set(bhttp::field::access_control_allow_methods, kAllowMethods);
    res.set(bhttp::field::access_control_allow_headers, kAllowHeaders);
    res.set(bhttp::field::access_control_max_age, std::to_string(kMaxAgeSeconds));
  }
  res.content_length(0);
  return res;
}

void CorsPolicy::apply(const HttpRequest& request, HttpResponse& response) const {
  auto origin = request[bhttp::field::origin];
  add_vary(response, "Origin");
  if (!allows(origin)) return;
  response.set(bhttp::field::access_control_allow_origin, origin);
  response.set(bhttp::field::access_control_allow_credentials, "true");
  response.set(bhttp::field::access_control_expose_headers, kExposeHeaders);
}

}  // namespace admit
