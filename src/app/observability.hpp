#pragma once

#include <memory>
#include <optional>

#include "app/config.hpp"
#include "http/access_log.hpp"
#include "http/http_metrics.hpp"
#include "http/http_pipeline.hpp"
#include "metrics/checkin_metrics.hpp"
#include "metrics/gauge_callbacks.hpp"
#include "metrics/metrics_registry.hpp"
#include "metrics/process_collector.hpp"
#include "metrics/storage_metrics.hpp"

namespace admit {

// The metrics and the access log of a serving process, built before the store (whose writer
// reports to it) and attached to the pipeline once that exists.
class Observability {
 public:
  explicit Observability(const Config& config);

  MetricsRegistry& registry() { return registry_; }
  EventSink& check_in_events() { return check_ins_; }
  WriteObserver& storage_observer() { return storage_; }
  // Gauges read at scrape time (connections, realtime sessions).
  GaugeCallbacks& gauges() { return gauges_; }
  // Metrics and (when enabled) the access log see every response of `pipeline`.
  void attach(HttpPipeline& pipeline);

 private:
  MetricsRegistry registry_;
  HttpMetrics http_;
  CheckInMetrics check_ins_;
  StorageMetrics storage_;
  ProcessCollector process_;
  GaugeCallbacks gauges_;
  std::optional<AccessLog> access_log_;
};

}  // namespace admit
