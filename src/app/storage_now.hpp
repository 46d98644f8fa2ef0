#pragma once

#include <exception>
#include <future>
#include <optional>
#include <type_traits>

#include "storage/database.hpp"

namespace admit {

// Runs a storage job and blocks until it is done (start-up and command-line use only, never on an
// I/O thread); rethrows what the job threw. A write's changes are committed when it returns.
template <class F>
auto storage_now(Database& db, bool write, F fn) {
  using T = std::invoke_result_t<F&, UnitOfWork&>;
  std::promise<T> promise;
  auto future = promise.get_future();
  std::optional<T> out;
  StorageJob job{[&](UnitOfWork& uow) {
                   out.emplace(fn(uow));
                   return true;
                 },
                 [&](std::exception_ptr e) {
                   if (e) {
                     promise.set_exception(e);
                   } else {
                     promise.set_value(std::move(*out));
                   }
                 }};
  if (write) {
    db.write(std::move(job));
  } else {
    db.read(std::move(job));
  }
  return future.get();
}

}  // namespace admit
