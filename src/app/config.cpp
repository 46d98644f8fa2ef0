#include "app/config.hpp"

#include <boost/asio/ip/address.hpp>

namespace admit {

std::string validate(const Config& c) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(c.host, ec);
  if (ec) return "--host / ADMIT_HOST: '" + c.host + "' is not an IP address";
  if (c.data_dir.empty()) return "--data / ADMIT_DATA: must not be empty";
  if (c.threads < 0 || c.threads > 256) return "--threads / ADMIT_THREADS: must be between 0 and 256";
  auto minutes_ok = [](int m) { return m >= 0 && m <= 1440; };
  if (!minutes_ok(c.timing.auto_open_minutes_before)) return "ADMIT_AUTO_OPEN_MINUTES_BEFORE: must be 0..1440";
  if (!minutes_ok(c.timing.auto_end_grace_minutes)) return "ADMIT_AUTO_END_GRACE_MINUTES: must be 0..1440";
  if (!minutes_ok(c.timing.late_threshold_minutes)) return "ADMIT_LATE_THRESHOLD_MINUTES: must be 0..1440";
  if (c.timing.scheduler_interval_ms < 100 || c.timing.scheduler_interval_ms > 3600000) {
    return "ADMIT_SCHEDULER_INTERVAL_MS: must be 100..3600000";
  }
  return {};
}

}  // namespace admit
