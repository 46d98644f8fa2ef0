#pragma once

#include <mutex>
#include <vector>

#include "domain/event_sink.hpp"

namespace admit {

// Hands every committed event to each subscriber (the log, the realtime gateway, ...). Subscribers
// may be added while the writer is already publishing (start-up), hence the mutex.
class FanOutEventSink : public EventSink {
 public:
  void add(EventSink* sink) {
    std::lock_guard lock(mutex_);
    sinks_.push_back(sink);
  }
  void remove(EventSink* sink) {
    std::lock_guard lock(mutex_);
    std::erase(sinks_, sink);
  }
  void publish(const DomainEvent& event) override {
    std::lock_guard lock(mutex_);
    for (auto* sink : sinks_)
      sink->publish(event);
  }

 private:
  std::mutex mutex_;
  std::vector<EventSink*> sinks_;
};

}  // namespace admit
