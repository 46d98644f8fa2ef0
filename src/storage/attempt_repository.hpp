#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/check_in_attempt.hpp"
#include "storage/page.hpp"

namespace admit {

struct AttemptFilter {
  std::optional<std::string> participant_id;
  std::optional<std::string> session_id;
  std::optional<std::string> status;
};

struct AttemptStats {
  std::int64_t total = 0;
  std::int64_t declined = 0;
  std::int64_t failed = 0;
};

class AttemptRepository {
 public:
  virtual ~AttemptRepository() = default;
  virtual Page<CheckInAttempt> list(const AttemptFilter& filter, const PageRequest& page) = 0;
  virtual AttemptStats stats(const std::optional<std::string>& session_id) = 0;
  virtual void insert(const CheckInAttempt& attempt) = 0;
};

}  // namespace admit
