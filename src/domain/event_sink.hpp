#pragma once

#include "domain/domain_event.hpp"

namespace admit {

// Where committed domain events go (realtime, metrics). Called only after the change that caused
// the event is durable, from the storage thread that committed it: implementations hand off quickly.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void publish(const DomainEvent& event) = 0;
};

}  // namespace admit
