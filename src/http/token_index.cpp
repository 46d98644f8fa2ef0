#include "http/token_index.hpp"

namespace admit {

std::shared_ptr<TokenIndex::Slot> TokenIndex::make_slot(const ActiveToken& token) {
  auto slot = std::make_shared<Slot>();
  slot->entry = Entry{token.user_id, token.username, static_cast<Role>(token.role), token.csrf_token, token.expires_at};
  return slot;
}

std::optional<TokenIndex::Entry> TokenIndex::find(const std::string& token_hash, TimePoint now) const {
  std::shared_lock lock(mutex_);
  auto it = slots_.find(token_hash);
  if (it == slots_.end() || it->second->entry.expires_at <= now) return std::nullopt;
  it->second->last_used_ms.store(to_unix_ms(now), std::memory_order_relaxed);
  return it->second->entry;
}

void TokenIndex::apply_locked(const Change& change) {
  switch (change.kind) {
    case Change::Kind::kAdd:
      slots_[change.token.token_hash] = make_slot(change.token);
      return;
    case Change::Kind::kRemove:
      slots_.erase(change.token.token_hash);
      return;
    case Change::Kind::kRemoveUser:
      for (auto it = slots_.begin(); it != slots_.end();) {
        it = it->second->entry.user_id == change.token.user_id ? slots_.erase(it) : std::next(it);
      }
      return;
    case Change::Kind::kSetRole:
      // Readers copy entries under the shared lock, so the exclusive lock makes this safe.
      for (auto& [hash, slot] : slots_) {
        if (slot->entry.user_id == change.token.user_id) slot->entry.role = static_cast<Role>(change.token.role);
      }
      return;
  }
}

void TokenIndex::record_locked(Change change) {
  apply_locked(change);
  if (reloading_) changes_during_reload_.push_back(std::move(change));
}

void TokenIndex::add(const ActiveToken& token) {
  std::unique_lock lock(mutex_);
  record_locked(Change{Change::Kind::kAdd, token});
}

void TokenIndex::remove(const std::string& token_hash) {
  ActiveToken t;
  t.token_hash = token_hash;
  std::unique_lock lock(mutex_);
  record_locked(Change{Change::Kind::kRemove, std::move(t)});
}

void TokenIndex::remove_user(const std::string& user_id) {
  ActiveToken t;
  t.user_id = user_id;
  std::unique_lock lock(mutex_);
  record_locked(Change{Change::Kind::kRemoveUser, std::move(t)});
}

void TokenIndex::set_role(const std::string& user_id, Role role) {
  ActiveToken t;
  t.user_id = user_id;
  t.role = static_cast<int>(role);
  std::unique_lock lock(mutex_);
  record_locked(Change{Change::Kind::kSetRole, std::move(t)});
}

std::size_t TokenIndex::size() const {
  std::shared_lock lock(mutex_);
  return slots_.size();
}

void TokenIndex::begin_reload() {
  std::unique_lock lock(mutex_);
  reloading_ = true;
  changes_during_reload_.clear();
}

void TokenIndex::abandon_reload() {
  std::unique_lock lock(mutex_);
  reloading_ = false;
  changes_during_reload_.clear();
}

void TokenIndex::finish_reload(const std::vector<ActiveToken>& snapshot) {
  std::unordered_map<std::string, std::shared_ptr<Slot>> fresh;
  fresh.reserve(snapshot.size());
  for (const auto& token : snapshot)
    fresh[token.token_hash] = make_slot(token);
  std::unique_lock lock(mutex_);
  // Keep the record of recent use across the swap.
  for (auto& [hash, slot] : fresh) {
    auto old = slots_.find(hash);
    if (old == slots_.end()) continue;
    slot->last_used_ms.store(old->second->last_used_ms.load(std::memory_order_relaxed));
    slot->flushed_ms = old->second->flushed_ms;
  }
  slots_.swap(fresh);
  for (const auto& change : changes_during_reload_)
    apply_locked(change);
  changes_during_reload_.clear();
  reloading_ = false;
}

std::vector<std::pair<std::string, TimePoint>> TokenIndex::take_used() {
  std::vector<std::pair<std::string, TimePoint>> out;
  std::shared_lock lock(mutex_);
  std::lock_guard used(used_mutex_);
  for (auto& [hash, slot] : slots_) {
    auto last = slot->last_used_ms.load(std::memory_order_relaxed);
    if (last > slot->flushed_ms) {
      out.emplace_back(hash, from_unix_ms(last));
      slot->flushed_ms = last;
    }
  }
  return out;
}

}  // namespace admit
