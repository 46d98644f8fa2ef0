#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <prometheus/collectable.h>

namespace admit {

// The standard process_* metrics of Prometheus client libraries, read from /proc and getrusage
// at scrape time (Linux).
class ProcessCollector : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

// Parsers for the /proc files, pure so that they can be tested on captured text.
struct ProcStatm {
  std::uint64_t size_pages = 0;      // virtual memory
  std::uint64_t resident_pages = 0;  // resident set
};
std::optional<ProcStatm> parse_proc_statm(std::string_view text);
// Field 22 of /proc/<pid>/stat: the start time in clock ticks after boot. The command name (field 2)
// may hold spaces and parentheses, so fields are counted after its last ')'.
std::optional<std::uint64_t> parse_start_ticks(std::string_view stat);
// The "btime" line of /proc/stat: boot time in seconds since the epoch.
std::optional<std::uint64_t> parse_boot_time(std::string_view proc_stat);

}  // namespace admit
