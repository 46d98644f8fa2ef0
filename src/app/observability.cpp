#include "app/observability.hpp"

#include <prometheus/gauge.h>

#include "app/json_log_formatter.hpp"

namespace admit {

Observability::Observability(const Config& config)
    : http_(registry_.registry()), check_ins_(registry_.registry()), storage_(registry_.registry()) {
  registry_.add_collector(&process_);
  registry_.add_collector(&gauges_);
  prometheus::BuildGauge()
      .Name("admit_build_info")
      .Help("Always 1; the version label says which admit is running.")
      .Register(registry_.registry())
      .Add({{"version", ADMIT_VERSION}})
      .Set(1);
  if (config.access_log) access_log_.emplace(make_access_logger());
}

void Observability::attach(HttpPipeline& pipeline) {
  pipeline.add_observer(&http_);
  if (access_log_) pipeline.add_observer(&*access_log_);
}

}  // namespace admit
