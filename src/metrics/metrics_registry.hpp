#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

namespace admit {

// The process's metrics: a prometheus-cpp registry for the metrics updated as things happen
// (counters, histograms), plus collectors read at scrape time (process, connection gauges).
class MetricsRegistry {
 public:
  MetricsRegistry() : registry_(std::make_shared<prometheus::Registry>()) {}

  prometheus::Registry& registry() { return *registry_; }
  // `collector` (not owned) must outlive the registry's scrapes.
  void add_collector(const prometheus::Collectable* collector);
  // The text exposition format (version 0.0.4) of everything, `extra` families included (those
  // computed by the scrape itself, such as the open sessions' gauges).
  std::string exposition(std::vector<prometheus::MetricFamily> extra = {}) const;

  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  mutable std::mutex mutex_;
  std::vector<const prometheus::Collectable*> collectors_;
};

// Helpers for families built by hand at scrape time.
prometheus::MetricFamily gauge_family(std::string name, std::string help);
void add_sample(prometheus::MetricFamily& family, double value,
                std::vector<prometheus::ClientMetric::Label> labels = {});

}  // namespace admit
