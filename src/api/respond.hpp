#pragma once

#include <exception>
#include <memory>
#include <optional>
#include <string_view>

#include "domain/result.hpp"
#include "http/envelope.hpp"
#include "http/suspend.hpp"

namespace admit {

// The success envelope for a result's value, or the error envelope for its error.
template <class T, class Render>
HttpResponse respond(const RequestContext& ctx, const Result<T>& result, bhttp::status status, std::string_view message,
                     Render render) {
  if (!result) return error_response(result.error(), ctx);
  return success(ctx, status, message, render(result.value()));
}

// Runs `fn` on the worker pool and resumes with its result on the caller's executor. Pass a named
// callable (see suspend.hpp).
template <class F>
auto offload(asio::thread_pool& pool, F fn) -> Task<decltype(fn())> {
  std::optional<decltype(fn())> out;
  std::exception_ptr error;
  auto start = [&](auto wake) {
    asio::post(pool, [&out, &error, &fn, wake] {
      try {
        out.emplace(fn());
      } catch (...) {
        error = std::current_exception();
      }
      wake();
    });
  };
  co_await suspend_until(start);
  if (error) std::rethrow_exception(error);
  co_return std::move(*out);
}

}  // namespace admit
