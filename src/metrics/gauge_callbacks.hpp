#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/collectable.h>

namespace admit {

// Gauges whose value is read when scraped (open connections, realtime sessions): the owner of
// the value keeps a cheap accessor and knows nothing of metrics.
class GaugeCallbacks : public prometheus::Collectable {
 public:
  // `read` is called from the scraping thread; it must be thread-safe.
  void add(std::string name, std::string help, std::function<double()> read);
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  struct Entry {
    std::string name;
    std::string help;
    std::function<double()> read;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace admit
