#include "http/login_throttle.hpp"

#include <algorithm>

namespace admit {
namespace {

// Keys beyond this are swept of expired entries; a flood of distinct names cannot grow the map
// without bound for longer than one window.
constexpr std::size_t kSweepAbove = 10000;

}  // namespace

std::string LoginThrottle::user_key(std::string_view username) {
  std::string key = "u:";
  for (char c : username)
    key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return key;
}

std::string LoginThrottle::client_key(std::string_view client) { return "c:" + std::string(client); }

std::optional<std::chrono::seconds> LoginThrottle::wait_for_locked(const std::string& key, TimePoint now) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return std::nullopt;
  auto& times = it->second;
  while (!times.empty() && times.front() + window_ <= now)
    times.pop_front();
  if (times.size() < static_cast<std::size_t>(max_failures_)) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now);
  return std::max(wait, std::chrono::seconds(1));
}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(std::string_view client, std::string_view username) {
  auto now = clock_.now();
  std::lock_guard lock(mutex_);
  auto by_client = wait_for_locked(client_key(client), now);
  auto by_user = username.empty() ? std::nullopt : wait_for_locked(user_key(username), now);
  if (by_client && by_user) return std::max(*by_client, *by_user);
  return by_client ? by_client : by_user;
}

void LoginThrottle::note_locked(const std::string& key, TimePoint now) {
  auto& times = failures_[key];
  times.push_back(now);
  while (times.size() > static_cast<std::size_t>(max_failures_))
    times.pop_front();
}

void LoginThrottle::sweep_locked(TimePoint now) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    bool expired = it->second.empty() || it->second.back() + window_ <= now;
    it = expired ? failures_.erase(it) : std::next(it);
  }
}

void LoginThrottle::failed(std::string_view client, std::string_view username) {
  auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (failures_.size() > kSweepAbove) sweep_locked(now);
  note_locked(client_key(client), now);
  if (!username.empty()) note_locked(user_key(username), now);
}

void LoginThrottle::succeeded(std::string_view username) {
  std::lock_guard lock(mutex_);
  failures_.erase(user_key(username));
}

}  // namespace admit
