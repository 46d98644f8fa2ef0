#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/registration.hpp"
#include "storage/page.hpp"

namespace admit {

struct RegistrationFilter {
  std::optional<RegistrationStatus> status;
  std::optional<std::string> participant_id;
  std::optional<std::string> session_id;
};

struct RegistrationStats {
  std::int64_t total = 0;
  std::int64_t confirmed = 0;
  std::int64_t pending = 0;
  std::int64_t cancelled = 0;
  std::int64_t today = 0;
};

class RegistrationRepository {
 public:
  virtual ~RegistrationRepository() = default;
  virtual std::optional<Registration> find(const std::string& id) = 0;
  virtual std::optional<Registration> find_for(const std::string& participant_id, const std::string& session_id) = 0;
  virtual Page<Registration> list(const RegistrationFilter& filter, const PageRequest& page) = 0;
  virtual RegistrationStats stats(TimePoint start_of_today) = 0;
  virtual void insert(const Registration& registration) = 0;
  virtual void update(const Registration& registration) = 0;
  virtual bool remove(const std::string& id) = 0;
};

}  // namespace admit
