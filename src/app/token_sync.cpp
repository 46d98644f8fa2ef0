#include "app/token_sync.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>

#include "http/db_call.hpp"

namespace admit {
namespace {

constexpr auto kPurgeAfter = std::chrono::hours(24 * 30);

}  // namespace

void TokenSync::start() {
  asio::co_spawn(timer_.get_executor(), loop(), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("token sync stopped: {}", ex.what());
    }
  });
}

void TokenSync::stop() {
  stopping_ = true;
  asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

Task<void> TokenSync::pass(std::uint64_t number) {
  auto used = index_.take_used();
  if (!used.empty()) {
    co_await db_write(db_, [&used](UnitOfWork& uow) {
      uow.tokens().touch(used);
      return true;
    });
  }
  auto now = clock_.now();
  if (number % 720 == 0) {
    auto before = now - std::chrono::duration_cast<std::chrono::milliseconds>(kPurgeAfter);
    auto purged = co_await db_write(db_, [before](UnitOfWork& uow) { return uow.tokens().purge(before); });
    if (purged > 0) spdlog::info("auth: purged {} expired or revoked tokens", purged);
  }
  index_.begin_reload();
  std::vector<ActiveToken> snapshot;
  try {
    snapshot = co_await db_read(db_, [now](UnitOfWork& uow) { return uow.tokens().active(now); });
  } catch (...) {
    index_.abandon_reload();
    throw;
  }
  index_.finish_reload(snapshot);
}

Task<void> TokenSync::loop() {
  std::uint64_t number = 0;
  while (!stopping_) {
    timer_.expires_after(interval_);
    beast::error_code ec;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    try {
      co_await pass(++number);
    } catch (const std::exception& e) {
      // Storage trouble: the index keeps its last state and the next pass tries again.
      spdlog::error("auth: token sync failed: {}", e.what());
    }
  }
}

}  // namespace admit
