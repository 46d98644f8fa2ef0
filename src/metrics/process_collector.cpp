#include "metrics/process_collector.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "metrics/metrics_registry.hpp"

namespace admit {
namespace {

std::optional<std::uint64_t> to_u64(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Whitespace-separated fields.
std::vector<std::string_view> fields(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
      ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t')
      ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string slurp(const char* path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

prometheus::MetricFamily family(std::string name, std::string help, prometheus::MetricType type, double value) {
  prometheus::MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = type;
  add_sample(f, value);
  return f;
}

}  // namespace

std::optional<ProcStatm> parse_proc_statm(std::string_view text) {
  auto f = fields(text);
  if (f.size() < 2) return std::nullopt;
  auto size = to_u64(f[0]);
  auto resident = to_u64(f[1]);
  if (!size || !resident) return std::nullopt;
  return ProcStatm{*size, *resident};
}

std::optional<std::uint64_t> parse_start_ticks(std::string_view stat) {
  auto paren = stat.rfind(')');
  if (paren == std::string_view::npos) return std::nullopt;
  auto f = fields(stat.substr(paren + 1));
  // f[0] is field 3 (state), so field 22 is f[19].
  if (f.size() < 20) return std::nullopt;
  return to_u64(f[19]);
}

std::optional<std::uint64_t> parse_boot_time(std::string_view proc_stat) {
  std::size_t pos = 0;
  while (pos < proc_stat.size()) {
    auto end = proc_stat.find('\n', pos);
    auto line = proc_stat.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (line.substr(0, 6) == "btime ") {
      auto f = fields(line);
      return f.size() == 2 ? to_u64(f[1]) : std::nullopt;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> out;

  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) == 0) {
    auto seconds = [](const timeval& tv) {
      return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    out.push_back(family("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                         MetricType::Counter, seconds(usage.ru_utime) + seconds(usage.ru_stime)));
  }

  auto page = static_cast<double>(sysconf(_SC_PAGESIZE));
  if (auto statm = parse_proc_statm(slurp("/proc/self/statm"))) {
    out.push_back(family("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::Gauge,
                         static_cast<double>(statm->resident_pages) * page));
    out.push_back(family("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::Gauge,
                         static_cast<double>(statm->size_pages) * page));
  }

  std::error_code ec;
  double open_fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec))
    open_fds += 1;
  // The iterator's own descriptor is counted too, as other client libraries do.
  if (!ec) out.push_back(family("process_open_fds", "Number of open file descriptors.", MetricType::Gauge, open_fds));

  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    double max = limit.rlim_cur == RLIM_INFINITY ? -1 : static_cast<double>(limit.rlim_cur);
    out.push_back(family("process_max_fds", "Maximum number of open file descriptors.", MetricType::Gauge, max));
  }

  auto ticks = parse_start_ticks(slurp("/proc/self/stat"));
  auto boot = parse_boot_time(slurp("/proc/stat"));
  auto hz = sysconf(_SC_CLK_TCK);
  if (ticks && boot && hz > 0) {
    double start = static_cast<double>(*boot) + static_cast<double>(*ticks) / static_cast<double>(hz);
    out.push_back(family("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
                         MetricType::Gauge, start));
  }
  return out;
}

}  // namespace admit
