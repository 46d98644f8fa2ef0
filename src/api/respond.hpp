#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <string_view>

#include "domain/result.hpp"
#include "http/envelope.hpp"

namespace admit {

// The success envelope for a result's value, or the error envelope for its error.
template <class T, class Render>
HttpResponse respond(const RequestContext& ctx, const Result<T>& result, bhttp::status status, std::string_view message,
                     Render render) {
  if (!result) return error_response(result.error(), ctx);
  return success(ctx, status, message, render(result.value()));
}

// Runs `fn` on the worker pool and resumes with its result on the caller's executor.
//
// GCC 12 destroys a temporary closure with non-trivial captures twice when the closure is created
// inside a co_await expression (GET /participants/generate-qr aborted the server with
// "munmap_chunk(): invalid pointer"). So no such closure is made here (the former co_spawn of a
// capturing coroutine lambda was one): the job runs as a plain handler, as in db_call.hpp, and
// callers pass a named job rather than a lambda written in the co_await expression.
template <class F>
auto offload(asio::thread_pool& pool, F fn) -> Task<decltype(fn())> {
  using T = decltype(fn());
  auto executor = co_await asio::this_coro::executor;
  std::optional<T> out;
  std::exception_ptr error;
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        asio::post(pool, [&out, &error, &fn, resume, executor] {
          try {
            out.emplace(fn());
          } catch (...) {
            error = std::current_exception();
          }
          asio::post(executor, [resume]() mutable { (*resume)(); });
        });
      },
      asio::use_awaitable);
  if (error) std::rethrow_exception(error);
  co_return std::move(*out);
}

}  // namespace admit
