#pragma once

#include <atomic>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "domain/clock.hpp"
#include "http/asio.hpp"
#include "storage/database.hpp"

namespace admit {

// Runs the session scheduler inside the server at the interval the stored settings say.
class SchedulerRunner {
 public:
  SchedulerRunner(asio::io_context& io, Database& db, const Clock& clock) : db_(db), clock_(clock), timer_(io) {}
  void start();
  void stop();

 private:
  Task<void> loop();

  Database& db_;
  const Clock& clock_;
  asio::steady_timer timer_;
  std::atomic<bool> stopping_{false};
};

}  // namespace admit
