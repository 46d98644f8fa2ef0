#include "app/scheduler_runner.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>

#include "domain/scheduler_service.hpp"
#include "http/db_call.hpp"

namespace admit {

void SchedulerRunner::start() {
  asio::co_spawn(timer_.get_executor(), loop(), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("scheduler stopped: {}", ex.what());
    }
  });
}

void SchedulerRunner::stop() {
  stopping_ = true;
  asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

Task<void> SchedulerRunner::loop() {
  while (!stopping_) {
    int interval_ms = 30000;
    try {
      auto now = clock_.now();
      auto [outcome, interval] = co_await db_write(db_, [now](UnitOfWork& uow) {
        auto result = run_scheduler(uow, now);
        auto timing = uow.settings().load_timing().value_or(TimingSettings{});
        return std::pair{std::move(result), timing.scheduler_interval_ms};
      });
      interval_ms = interval;
      for (const auto& name : outcome.opened)
        spdlog::info("scheduler: opened session \"{}\"", name);
      for (const auto& name : outcome.ended)
        spdlog::info("scheduler: ended session \"{}\"", name);
    } catch (const std::exception& e) {
      // Storage trouble (a full disk): try again at the next tick.
      spdlog::error("scheduler pass failed: {}", e.what());
    }
    if (stopping_) break;
    timer_.expires_after(std::chrono::milliseconds(interval_ms));
    beast::error_code ec;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace admit
