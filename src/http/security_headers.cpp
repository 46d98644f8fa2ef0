#include "http/security_headers.hpp"

namespace admit {

void SecurityHeaders::apply(HttpResponse& response) const {
  // A handler that needs another policy (none does yet) sets its own and keeps it.
  if (response.find("Content-Security-Policy") == response.end()) {
    response.set("Content-Security-Policy", kContentSecurityPolicy);
  }
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Cross-Origin-Resource-Policy", "same-origin");
  response.set("Origin-Agent-Cluster", "?1");
  response.set("X-DNS-Prefetch-Control", "off");
  response.set("X-Download-Options", "noopen");
  response.set("X-Permitted-Cross-Domain-Policies", "none");
  response.set("X-XSS-Protection", "0");
  if (hsts_) response.set(bhttp::field::strict_transport_security, kStrictTransportSecurity);
}

}  // namespace admit
