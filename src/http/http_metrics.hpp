#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "http/request_observer.hpp"

namespace admit {

// http_requests_total{method,route,status} and http_request_duration_seconds{method,route}, the
// route being the matched template. Series are looked up once and cached by (route, method,
// status), so a request costs a short critical section and two atomic updates.
class HttpMetrics : public RequestObserver {
 public:
  explicit HttpMetrics(prometheus::Registry& registry);
  void on_response(const RequestContext& ctx, const HttpResponse& response,
                   std::chrono::steady_clock::duration elapsed) override;

 private:
  struct Key {
    const void* route;  // the Route, or the label's text for requests without one
    int method;
    unsigned status;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  struct Series {
    prometheus::Counter* requests;
    prometheus::Histogram* duration;
  };

  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& duration_;
  std::mutex mutex_;
  std::unordered_map<Key, Series, KeyHash> series_;
};

}  // namespace admit
