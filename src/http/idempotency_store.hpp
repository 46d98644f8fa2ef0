#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "http/asio.hpp"
#include "http/principal.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"
#include "storage/idempotency_repository.hpp"

namespace admit {

struct IdempotencyOptions {
  std::chrono::hours ttl{24};
  // How long a retry waits for the first request with its key to finish before it is told 409.
  std::chrono::milliseconds wait{std::chrono::seconds(30)};
  // Larger answers are not kept (a retry then runs again).
  std::size_t max_body = std::size_t{8} * 1024 * 1024;
};

// Step 7 of the pipeline: a POST, PUT, PATCH or DELETE with an Idempotency-Key runs its handler
// at most once per key. The outcome (2xx or 4xx; a 5xx stays retryable) is committed to storage
// before the client sees it, so a retry after a lost answer, after a restart or from a phone that
// changed networks gets the same status and body, marked `Idempotent-Replayed: true`. The same
// key with another method, target or body is a 422. Requests with one key that arrive together
// are serialised in memory: the later ones wait (without polling) for the first and replay it.
class IdempotencyStore {
 public:
  IdempotencyStore(Database& db, const Clock& clock, IdempotencyOptions options = {});

  static constexpr std::string_view kHeader = "Idempotency-Key";
  static constexpr std::size_t kMaxKeyLength = 255;

  // Whether `request` asks for idempotency (a write method with the header).
  static bool wanted(const HttpRequest& request);
  // 400 when the key is missing, repeated, empty, too long or not printable ASCII.
  static std::optional<Error> check_key(const HttpRequest& request);
  // Whose keys these are: a client's key is only ever matched against its own earlier requests.
  static std::string scope_of(const Principal& principal);
  // Hash of what makes two requests "the same": method, target (path and query) and body.
  static std::string fingerprint(const HttpRequest& request);

  Task<HttpResponse> run(RequestContext& ctx, const Handler& handler);

  std::size_t in_flight() const;

 private:
  struct InFlight {
    bool done = false;
    std::vector<std::function<void()>> waiters;
  };
  class Claim;

  std::shared_ptr<InFlight> try_claim(const std::string& id);
  void release(const std::string& id);
  // true once the holder released the key; false when options_.wait ran out first.
  Task<bool> wait_for(const std::shared_ptr<InFlight>& entry);
  HttpResponse replay(const IdempotencyRecord& record, const RequestContext& ctx) const;

  Database& db_;
  const Clock& clock_;
  IdempotencyOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<InFlight>> in_flight_;
  std::atomic<std::int64_t> next_purge_ms_{0};
};

}  // namespace admit
