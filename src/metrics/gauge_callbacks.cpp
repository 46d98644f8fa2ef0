#include "metrics/gauge_callbacks.hpp"

#include "metrics/metrics_registry.hpp"

namespace admit {

void GaugeCallbacks::add(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  entries_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::vector<prometheus::MetricFamily> GaugeCallbacks::Collect() const {
  std::lock_guard lock(mutex_);
  std::vector<prometheus::MetricFamily> out;
  for (const auto& e : entries_) {
    auto family = gauge_family(e.name, e.help);
    add_sample(family, e.read());
    out.push_back(std::move(family));
  }
  return out;
}

}  // namespace admit
