#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/timing_settings.hpp"

namespace admit {

// Every setting in one place: defaults, then ADMIT_* environment, then command-line flags
// (CLI11 applies the last two). Checked by validate() before anything starts.
struct Config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3000;
  std::filesystem::path data_dir = "data";
  int threads = 0;  // 0: one per core but one
  std::string log_level = "info";
  bool dev_reset = false;   // exposes POST /api/v1/_dev/reset
  bool test_hooks = false;  // exposes the clock and scheduler hooks the integration tests use
  bool seed_demo = false;   // seeds the demo event when the store is empty
  // Access control: accounts and tokens (false: --auth off, every route open), a static admin
  // bearer token for automation (ADMIT_ADMIN_TOKEN, environment only: argv is visible to `ps`), and
  // the Secure attribute on the session cookie (behind HTTPS).
  bool auth = true;
  std::string admin_token;
  bool cookie_secure = false;
  std::string port_file;           // written with the bound port once listening
  TimingSettings timing;           // the initial timing settings of a new store
  std::filesystem::path web_root;  // the built web UI; empty: beside the executable (web_root_default)

  // Periodic backups while serving (0 minutes: off); the directory defaults to <data>/backups.
  std::filesystem::path backup_dir;
  int backup_interval_minutes = 0;
  int backup_keep = 24;

  // Observability: a separate listener for Prometheus (HOST:PORT, empty: none) and the access log.
  std::string metrics_address;
  bool access_log = true;

  // Request pipeline: rate limits (two windows, "LIMIT/WINDOW"), the proxies whose X-Forwarded-For
  // is believed (CIDR list), the origins allowed cross-origin, HSTS (only behind TLS).
  bool rate_limit = true;
  std::string rate_limit_short = "300/10s";
  std::string rate_limit_long = "500/60s";
  std::string trusted_proxies;
  std::string cors_origins = "http://localhost:3000,http://localhost:3001";
  bool hsts = false;

  std::filesystem::path database_file() const { return data_dir / "admit.db"; }
  std::filesystem::path backup_directory() const { return backup_dir.empty() ? data_dir / "backups" : backup_dir; }
};

// "HOST:PORT" or "[IPv6]:PORT" (the metrics listener); nullopt when malformed.
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<HostPort> parse_host_port(std::string_view text);

// Returns an empty string when the configuration is usable, else what is wrong with which setting.
std::string validate(const Config& config);

}  // namespace admit
