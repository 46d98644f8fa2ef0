#include "metrics/storage_metrics.hpp"

namespace admit {
namespace {

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

// From well under a millisecond (page cache, fast SSD) to seconds (a struggling disk).
const prometheus::Histogram::BucketBoundaries kLatencyBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                                 0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};

}  // namespace

StorageMetrics::StorageMetrics(prometheus::Registry& registry) {
  batch_size_ = &prometheus::BuildHistogram()
                     .Name("admit_db_write_batch_size")
                     .Help("Write jobs committed together in one transaction (group commit).")
                     .Register(registry)
                     .Add({}, prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
  commit_seconds_ = &prometheus::BuildHistogram()
                         .Name("admit_db_commit_seconds")
                         .Help("Duration of the COMMIT of a write batch (the fsync), in seconds.")
                         .Register(registry)
                         .Add({}, kLatencyBuckets);
  transaction_seconds_ = &prometheus::BuildHistogram()
                              .Name("admit_db_transaction_seconds")
                              .Help("Duration of a write batch's transaction, BEGIN to COMMIT, in seconds.")
                              .Register(registry)
                              .Add({}, kLatencyBuckets);
  auto& batches = prometheus::BuildCounter()
                      .Name("admit_db_write_batches_total")
                      .Help("Write batches by outcome (failed: the whole transaction was rolled back).")
                      .Register(registry);
  committed_ = &batches.Add({{"outcome", "committed"}});
  failed_ = &batches.Add({{"outcome", "failed"}});
}

void StorageMetrics::batch_finished(std::size_t jobs, std::chrono::nanoseconds transaction,
                                    std::chrono::nanoseconds commit, bool committed) {
  transaction_seconds_->Observe(seconds(transaction));
  if (committed) {
    batch_size_->Observe(static_cast<double>(jobs));
    commit_seconds_->Observe(seconds(commit));
    committed_->Increment();
  } else {
    failed_->Increment();
  }
}

}  // namespace admit
