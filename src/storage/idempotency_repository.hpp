#pragma once

#include <optional>
#include <string>

#include "domain/time.hpp"

namespace admit {

// The stored outcome of a request sent with an Idempotency-Key: what to answer a retry with.
struct IdempotencyRecord {
  std::string scope;        // whose key it is (a user id; empty when access control is off)
  std::string key;          // the client's Idempotency-Key
  std::string fingerprint;  // hash of method, target and body: a retry must match it
  int status = 0;
  std::string headers;  // JSON object of the response headers worth replaying
  std::string body;
  TimePoint created_at{};
};

class IdempotencyRepository {
 public:
  virtual ~IdempotencyRepository() = default;
  virtual std::optional<IdempotencyRecord> find(const std::string& scope, const std::string& key) = 0;
  // Inserts, or replaces an expired record with the same scope and key.
  virtual void save(const IdempotencyRecord& record) = 0;
  // Deletes records created before `cutoff`; returns how many.
  virtual int purge_before(TimePoint cutoff) = 0;
};

}  // namespace admit
