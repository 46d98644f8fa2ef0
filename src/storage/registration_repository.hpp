#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/registration.hpp"
#include "storage/page.hpp"

namespace admit {

struct RegistrationFilter {
  std::optional<RegistrationStatus> status;
  std::optional<std::string> participant_id;
  std::optional<std::string> session_id;
};

// A registration joined with its participant (absent fields: the participant was deleted).
struct RegistrationRow {
  std::optional<std::string> participant_name;
  std::optional<std::string> participant_email;
  std::optional<std::string> participant_organization;
  RegistrationStatus status = RegistrationStatus::kPending;
  TimePoint registration_date;
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
  // Registrations of any status for the session.
  virtual std::int64_t count_for_session(const std::string& session_id) = 0;
  // The session's registrations with their participants (one joined query), newest first.
  virtual std::vector<RegistrationRow> rows_for_session(const std::string& session_id) = 0;
  virtual void insert(const Registration& registration) = 0;
  virtual void update(const Registration& registration) = 0;
  virtual bool remove(const std::string& id) = 0;
};

}  // namespace admit
