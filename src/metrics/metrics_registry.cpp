#include "metrics/metrics_registry.hpp"

#include <prometheus/text_serializer.h>

#include <algorithm>
#include <sstream>

namespace admit {

void MetricsRegistry::add_collector(const prometheus::Collectable* collector) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(collector);
}

std::string MetricsRegistry::exposition(std::vector<prometheus::MetricFamily> extra) const {
  auto families = registry_->Collect();
  {
    std::lock_guard lock(mutex_);
    for (const auto* collector : collectors_) {
      auto more = collector->Collect();
      std::move(more.begin(), more.end(), std::back_inserter(families));
    }
  }
  std::move(extra.begin(), extra.end(), std::back_inserter(families));
  // A stable order makes scrapes diffable; the format does not require one.
  std::stable_sort(families.begin(), families.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return std::move(out).str();
}

prometheus::MetricFamily gauge_family(std::string name, std::string help) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  return family;
}

void add_sample(prometheus::MetricFamily& family, double value, std::vector<prometheus::ClientMetric::Label> labels) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  switch (family.type) {
    case prometheus::MetricType::Counter:
      metric.counter.value = value;
      break;
    case prometheus::MetricType::Gauge:
      metric.gauge.value = value;
      break;
    default:
      metric.untyped.value = value;
      break;
  }
  family.metric.push_back(std::move(metric));
}

}  // namespace admit
