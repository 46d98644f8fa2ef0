#pragma once

#include <memory>

#include "http/asio.hpp"

namespace admit {

// Suspends the calling coroutine, calls `start(wake)` and resumes on the coroutine's own executor
// once `wake()` has been called, from whichever thread finished the work. This is how coroutines
// wait for storage threads and the worker pool.
//
// GCC 12 destroys a temporary closure with non-trivial captures twice when it is created inside a
// co_await expression (a std::string captured by value aborted the server). Closures written in a
// co_await expression therefore capture by reference only; callers pass named objects.
template <class Start>
Task<void> suspend_until(Start& start) {
  auto executor = co_await asio::this_coro::executor;
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        start([resume, executor] { asio::post(executor, [resume]() mutable { (*resume)(); }); });
      },
      asio::use_awaitable);
}

}  // namespace admit
