#pragma once

#include <exception>
#include <functional>

#include "storage/unit_of_work.hpp"

namespace admit {

// A unit of work to run on a storage thread. `run` returns false to discard its changes (a domain
// rule refused the request); `done` is called once the outcome is final: for a write, after the
// commit is durable. A non-null exception_ptr means run threw or the commit failed.
struct StorageJob {
  std::function<bool(UnitOfWork&)> run;
  std::function<void(std::exception_ptr)> done;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual void read(StorageJob job) = 0;
  virtual void write(StorageJob job) = 0;
  // Finishes every queued write and stops the storage threads.
  virtual void shutdown() = 0;
};

}  // namespace admit
