#pragma once

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "storage/write_observer.hpp"

namespace admit {

// The group-commit writer's batches: how many jobs share a transaction, how long the COMMIT
// (the fsync) and the whole transaction take, and how many batches failed.
class StorageMetrics : public WriteObserver {
 public:
  explicit StorageMetrics(prometheus::Registry& registry);
  void batch_finished(std::size_t jobs, std::chrono::nanoseconds transaction, std::chrono::nanoseconds commit,
                      bool committed) override;

 private:
  prometheus::Histogram* batch_size_;
  prometheus::Histogram* commit_seconds_;
  prometheus::Histogram* transaction_seconds_;
  prometheus::Counter* committed_;
  prometheus::Counter* failed_;
};

}  // namespace admit
