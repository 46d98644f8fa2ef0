#include "app/config.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>

#include "http/cors_policy.hpp"
#include "http/ip_network.hpp"
#include "http/rate_limiter.hpp"

namespace admit {

std::optional<HostPort> parse_host_port(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto host = text.substr(0, colon);
  auto port_text = text.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) return std::nullopt;
  boost::system::error_code bad;
  boost::asio::ip::make_address(std::string(host), bad);
  if (bad) return std::nullopt;
  return HostPort{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string validate(const Config& c) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(c.host, ec);
  if (ec) return "--host / ADMIT_HOST: '" + c.host + "' is not an IP address";
  if (c.data_dir.empty()) return "--data / ADMIT_DATA: must not be empty";
  if (!c.metrics_address.empty() && !parse_host_port(c.metrics_address)) {
    return "--metrics-address / ADMIT_METRICS_ADDRESS: '" + c.metrics_address +
           "' is not HOST:PORT with an IP address (e.g. 127.0.0.1:9464 or [::1]:9464)";
  }
  if (c.threads < 0 || c.threads > 256) return "--threads / ADMIT_THREADS: must be between 0 and 256";
  if (!c.admin_token.empty() && c.admin_token.size() < 32) {
    return "ADMIT_ADMIN_TOKEN: must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)";
  }
  auto minutes_ok = [](int m) { return m >= 0 && m <= 1440; };
  if (!minutes_ok(c.timing.auto_open_minutes_before)) return "ADMIT_AUTO_OPEN_MINUTES_BEFORE: must be 0..1440";
  if (!minutes_ok(c.timing.auto_end_grace_minutes)) return "ADMIT_AUTO_END_GRACE_MINUTES: must be 0..1440";
  if (!minutes_ok(c.timing.late_threshold_minutes)) return "ADMIT_LATE_THRESHOLD_MINUTES: must be 0..1440";
  if (c.timing.scheduler_interval_ms < 100 || c.timing.scheduler_interval_ms > 3600000) {
    return "ADMIT_SCHEDULER_INTERVAL_MS: must be 100..3600000";
  }
  if (c.backup_interval_minutes < 0 || c.backup_interval_minutes > 10080) {
    return "--backup-interval-minutes / ADMIT_BACKUP_INTERVAL_MINUTES: must be 0 (off) to 10080 (a week)";
  }
  if (c.backup_keep < 1 || c.backup_keep > 10000) return "--backup-keep / ADMIT_BACKUP_KEEP: must be 1..10000";
  if (!parse_rate_limit_tier("short", c.rate_limit_short)) {
    return "--rate-limit-short / ADMIT_RATE_LIMIT_SHORT: '" + c.rate_limit_short +
           "' is not LIMIT/WINDOW (e.g. 300/10s; window in s, m or h, at most 24h)";
  }
  if (!parse_rate_limit_tier("long", c.rate_limit_long)) {
    return "--rate-limit-long / ADMIT_RATE_LIMIT_LONG: '" + c.rate_limit_long +
           "' is not LIMIT/WINDOW (e.g. 500/60s; window in s, m or h, at most 24h)";
  }
  std::string problem;
  if (!parse_ip_networks(c.trusted_proxies, problem)) return "--trusted-proxy / ADMIT_TRUSTED_PROXIES: " + problem;
  if (!CorsPolicy::parse(c.cors_origins, problem)) return "--cors-origin / ADMIT_CORS_ORIGIN: " + problem;
  return {};
}

}  // namespace admit
