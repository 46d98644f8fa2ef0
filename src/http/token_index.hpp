#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/auth_token.hpp"
#include "domain/role.hpp"

namespace admit {

// The valid tokens by hash, in memory, so that authenticating a request costs a hash and a map
// lookup instead of a database round trip. Thread-safe. The database stays authoritative: local
// changes are written through, and a periodic reload (TokenSync) picks up changes made by others
// (the `admit user` command on the same data directory), merging in local changes that happened
// while the reload's snapshot was being read.
class TokenIndex {
 public:
  struct Entry {
    std::string user_id;
    std::string username;
    Role role = Role::kViewer;
    std::string csrf_token;
    TimePoint expires_at{};
  };

  // The entry of a valid, unexpired token; records the use.
  std::optional<Entry> find(const std::string& token_hash, TimePoint now) const;
  void add(const ActiveToken& token);
  void remove(const std::string& token_hash);
  void remove_user(const std::string& user_id);
  void set_role(const std::string& user_id, Role role);
  std::size_t size() const;

  // A reload: begin, read the active tokens from storage, finish with what was read.
  void begin_reload();
  void finish_reload(const std::vector<ActiveToken>& snapshot);
  void abandon_reload();
  // Tokens used since the last call and when, to be written to storage in one batch.
  std::vector<std::pair<std::string, TimePoint>> take_used();

 private:
  struct Slot {
    Entry entry;
    mutable std::atomic<std::int64_t> last_used_ms{0};
    std::int64_t flushed_ms = 0;  // guarded by used_mutex_
  };
  // A local change made while a reload was reading, replayed onto its snapshot.
  struct Change {
    enum class Kind { kAdd, kRemove, kRemoveUser, kSetRole } kind;
    ActiveToken token;  // kAdd; token_hash for kRemove; user_id (and role) otherwise
  };
  static std::shared_ptr<Slot> make_slot(const ActiveToken& token);
  void apply_locked(const Change& change);
  void record_locked(Change change);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Slot>> slots_;
  bool reloading_ = false;
  std::vector<Change> changes_during_reload_;
  std::mutex used_mutex_;
};

}  // namespace admit
