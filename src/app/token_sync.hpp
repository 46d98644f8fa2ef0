#pragma once

#include <atomic>
#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "domain/clock.hpp"
#include "http/asio.hpp"
#include "http/token_index.hpp"
#include "storage/database.hpp"

namespace admit {

// Keeps the in-memory TokenIndex true to the database, which stays authoritative: every
// `interval` it writes when tokens were last used (one batch) and reloads the valid tokens, so a
// revocation made outside this process (`admit user passwd|remove` on the same data directory)
// takes effect within one interval. Hourly it purges tokens dead for 30 days.
class TokenSync {
 public:
  TokenSync(asio::io_context& io, Database& db, const Clock& clock, TokenIndex& index,
            std::chrono::milliseconds interval = std::chrono::seconds(5))
      : db_(db), clock_(clock), index_(index), interval_(interval), timer_(io) {}
  void start();
  void stop();

 private:
  Task<void> loop();
  Task<void> pass(std::uint64_t number);

  Database& db_;
  const Clock& clock_;
  TokenIndex& index_;
  std::chrono::milliseconds interval_;
  asio::steady_timer timer_;
  std::atomic<bool> stopping_{false};
};

}  // namespace admit
