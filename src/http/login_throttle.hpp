#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/clock.hpp"

namespace admit {

// Slows password guessing: after `max_failures` failed sign-ins within `window` from one client
// address, or for one username (whoever tries it), further attempts are refused until the oldest
// failure leaves the window. Time comes from the injected Clock, so tests move it instead of
// waiting. Thread-safe.
class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, int max_failures = 5,
                         std::chrono::milliseconds window = std::chrono::minutes(15))
      : clock_(clock), max_failures_(max_failures), window_(window) {}

  // How long to wait before trying again; nullopt when an attempt may be made now.
  std::optional<std::chrono::seconds> retry_after(std::string_view client, std::string_view username);
  void failed(std::string_view client, std::string_view username);
  // A successful sign-in clears the username's failures (not the address's: one good password
  // must not reset the count of an address that guesses others').
  void succeeded(std::string_view username);

 private:
  using Failures = std::deque<TimePoint>;
  static std::string user_key(std::string_view username);
  static std::string client_key(std::string_view client);
  std::optional<std::chrono::seconds> wait_for_locked(const std::string& key, TimePoint now);
  void note_locked(const std::string& key, TimePoint now);
  void sweep_locked(TimePoint now);

  const Clock& clock_;
  const int max_failures_;
  const std::chrono::milliseconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace admit
