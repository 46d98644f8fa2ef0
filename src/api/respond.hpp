#pragma once

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

// Runs `fn` on the worker pool and resumes with its result.
template <class F>
auto offload(asio::thread_pool& pool, F fn) -> Task<decltype(fn())> {
  co_return co_await asio::co_spawn(
      pool, [fn = std::move(fn)]() -> Task<decltype(fn())> { co_return fn(); }, asio::use_awaitable);
}

}  // namespace admit
