#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/asio.hpp"

namespace admit {

// Cross-origin access for browsers: which origins may call the API with credentials (exact match
// of scheme, host and port), the preflight answer and the headers of actual responses. Origins
// not on the list get no CORS headers at all, so the browser keeps the response from the page;
// the request itself is still served (CORS is not access control: authentication and CSRF are).
class CorsPolicy {
 public:
  CorsPolicy() = default;
  explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

  // "http://localhost:3000, https://board.example.org": trimmed, lower-cased, a trailing slash
  // dropped. nullopt with `error` naming the entry that is not a scheme://host[:port] origin.
  static std::optional<CorsPolicy> parse(std::string_view list, std::string& error);

  bool allows(std::string_view origin) const;
  // Whether a request's credentials (its cookie) may be trusted as coming from our own pages: no
  // Origin (not a browser page), an Origin on this server's host (any port) or a listed origin.
  // WebSocket handshakes are not subject to CORS, and browsers send the site's cookies with them
  // from any page of the same site: this is the check CORS does not do for them.
  bool is_own_or_allowed_origin(const HttpRequest& request) const;
  const std::vector<std::string>& origins() const { return origins_; }

  // A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method.
  static bool is_preflight(const HttpRequest& request);
  // The 204 answer to any OPTIONS request; with the allow headers when the origin is allowed.
  HttpResponse preflight(const HttpRequest& request) const;
  // Adds the CORS headers of an actual (non-preflight) response.
  void apply(const HttpRequest& request, HttpResponse& response) const;

  static constexpr std::string_view kAllowMethods = "GET,POST,PUT,DELETE,PATCH,OPTIONS";
  static constexpr std::string_view kAllowHeaders =
      "Content-Type, Authorization, X-Requested-With, Accept, Idempotency-Key, X-Request-Id, X-CSRF-Token";
  static constexpr std::string_view kExposeHeaders =
      "X-Request-Id, X-RateLimit-Limit-short, X-RateLimit-Remaining-short, X-RateLimit-Reset-short, "
      "X-RateLimit-Limit-long, X-RateLimit-Remaining-long, X-RateLimit-Reset-long, Retry-After, "
      "Retry-After-short, Retry-After-long, Content-Disposition, Idempotent-Replayed";
  // Chromium caps the preflight cache at 2 hours; 10 minutes keeps configuration changes quick.
  static constexpr int kMaxAgeSeconds = 600;

 private:
  std::vector<std::string> origins_;
};

}  // namespace admit
