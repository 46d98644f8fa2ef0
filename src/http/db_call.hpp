#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <type_traits>

#include "domain/result.hpp"
#include "http/asio.hpp"
#include "http/suspend.hpp"
#include "storage/database.hpp"

namespace admit {
namespace detail {

template <class T>
struct IsResult : std::false_type {};
template <class T>
struct IsResult<Result<T>> : std::true_type {};

// A job's changes are kept unless it returned a failed Result.
template <class T>
bool keeps(const T& value) {
  if constexpr (IsResult<T>::value) {
    return value.ok();
  } else {
    return true;
  }
}

enum class Access { kRead, kWrite };

template <class F>
auto run_on_storage(Database& db, Access access, F fn) -> Task<std::invoke_result_t<F&, UnitOfWork&>> {
  using T = std::invoke_result_t<F&, UnitOfWork&>;
  std::optional<T> out;
  std::exception_ptr error;
  auto start = [&](auto wake) {
    StorageJob job{[&out, &fn](UnitOfWork& uow) {
                     out.emplace(fn(uow));
                     return keeps(*out);
                   },
                   [&error, wake](std::exception_ptr e) {
                     error = e;
                     wake();
                   }};
    if (access == Access::kWrite) {
      db.write(std::move(job));
    } else {
      db.read(std::move(job));
    }
  };
  co_await suspend_until(start);
  if (error) std::rethrow_exception(error);
  co_return std::move(*out);
}

}  // namespace detail

// Runs `fn(UnitOfWork&)` in a read transaction on a storage thread and resumes with its result.
template <class F>
auto db_read(Database& db, F fn) {
  return detail::run_on_storage(db, detail::Access::kRead, std::move(fn));
}

// Runs `fn(UnitOfWork&)` in the writer's next batch and resumes once that batch is durable. A
// returned failed Result discards the job's changes.
template <class F>
auto db_write(Database& db, F fn) {
  return detail::run_on_storage(db, detail::Access::kWrite, std::move(fn));
}

}  // namespace admit
