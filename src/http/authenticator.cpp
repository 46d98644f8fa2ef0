#include "http/authenticator.hpp"
#include "http/header_value.hpp"

#include <fmt/format.h>

#include "http/token_crypto.hpp"

namespace admit {
namespace {

bool is_write(bhttp::verb method) {
  return method == bhttp::verb::post || method == bhttp::verb::put || method == bhttp::verb::patch ||
         method == bhttp::verb::delete_;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto pair = trim_ows(header.substr(0, semi));
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && trim_ows(pair.substr(0, eq)) == name) {
      auto value = trim_ows(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

Authenticator::Authenticator(AuthOptions options, TokenIndex& index, const Clock& clock)
    : options_(std::move(options)), index_(index), clock_(clock) {
  if (!options_.admin_token.empty()) admin_token_hash_ = token_hash(options_.admin_token);
}

Principal Authenticator::anonymous_admin() {
  Principal p;
  p.method = AuthMethod::kOpen;
  p.username = "anonymous";
  p.role = Role::kAdmin;
  return p;
}

Principal Authenticator::identify_token(std::string_view token, AuthMethod method) const {
  Principal p;
  if (token.empty()) {
    p.rejected_credentials = true;
    return p;
  }
  auto hash = token_hash(token);
  // Comparing fixed-length hashes in constant time: nothing about the static token leaks.
  if (!admin_token_hash_.empty() && method == AuthMethod::kBearer && secrets_equal(hash, admin_token_hash_)) {
    p.method = AuthMethod::kAdminToken;
    p.username = "admin-token";
    p.role = Role::kAdmin;
    return p;
  }
  auto entry = index_.find(hash, clock_.now());
  if (!entry) {
    p.rejected_credentials = true;
    return p;
  }
  p.method = method;
  p.user_id = std::move(entry->user_id);
  p.username = std::move(entry->username);
  p.role = entry->role;
  p.token_hash = std::move(hash);
  p.csrf_token = std::move(entry->csrf_token);
  return p;
}

Principal Authenticator::identify(const HttpRequest& request) const {
  if (!options_.enabled) return anonymous_admin();
  auto authorization = request[bhttp::field::authorization];
  if (!authorization.empty()) {
    auto space = authorization.find(' ');
    if (space == std::string_view::npos || !iequals(authorization.substr(0, space), "bearer")) {
      Principal p;
      p.rejected_credentials = true;
      return p;
    }
    return identify_token(trim_ows(authorization.substr(space + 1)), AuthMethod::kBearer);
  }
  auto cookies = request[bhttp::field::cookie];
  if (auto session = cookie_value(cookies, kSessionCookie); session && !session->empty()) {
    return identify_token(*session, AuthMethod::kCookie);
  }
  return {};
}

std::optional<Error> Authenticator::authorize(const Principal& principal, Role required,
                                              const HttpRequest& request) const {
  if (required == Role::kPublic || principal.method == AuthMethod::kOpen) return std::nullopt;
  if (!principal.authenticated()) {
    return Error{ErrorKind::kUnauthorized,
                 principal.rejected_credentials ? "Invalid or expired credentials" : "Authentication required",
                 {}};
  }
  if (!satisfies(principal.role, required)) {
    return Error{ErrorKind::kForbidden, fmt::format("Insufficient role: {} required", to_string(required)), {}};
  }
  if (principal.method == AuthMethod::kCookie && is_write(request.method())) {
    auto presented = request[kCsrfHeader];
    if (!secrets_equal(presented, principal.csrf_token)) {
      return Error{ErrorKind::kForbidden,
                   presented.empty() ? "CSRF token missing: send the X-CSRF-Token header with cookie-authenticated "
                                       "writes"
                                     : "CSRF token invalid",
                   {}};
    }
  }
  return std::nullopt;
}

std::optional<std::string> Authenticator::admit_socket(const Json& auth, std::string_view cookie_header) const {
  if (!options_.enabled) return std::nullopt;
  Principal p;
  if (auth.is_object() && auth.contains("token") && auth["token"].is_string()) {
    p = identify_token(auth["token"].get_ref<const std::string&>(), AuthMethod::kBearer);
  } else if (auto session = cookie_value(cookie_header, kSessionCookie); session && !session->empty()) {
    p = identify_token(*session, AuthMethod::kCookie);
  }
  // Live dashboards are for viewers and up.
  if (!p.authenticated() || !satisfies(p.role, Role::kViewer)) return std::string("Unauthorized");
  return std::nullopt;
}

}  // namespace admit
