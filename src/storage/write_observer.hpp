#pragma once

#include <chrono>
#include <cstddef>

namespace admit {

// What the writer reports about each batch it committed (or failed to), for metrics. Called on
// the writer thread after the transaction ended: implementations must be quick and not block.
class WriteObserver {
 public:
  virtual ~WriteObserver() = default;
  // `jobs`: the batch's size; `transaction`: BEGIN to the end of COMMIT (or ROLLBACK);
  // `commit`: the COMMIT statement alone (the fsync), zero when the batch failed before it.
  virtual void batch_finished(std::size_t jobs, std::chrono::nanoseconds transaction, std::chrono::nanoseconds commit,
                              bool committed) = 0;
};

}  // namespace admit
