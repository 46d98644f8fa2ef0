#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/check_in.hpp"
#include "storage/page.hpp"

namespace admit {

struct CheckInFilter {
  std::optional<CheckInMethod> method;
  std::optional<std::string> participant_id;
  std::optional<std::string> session_id;
  std::optional<TimePoint> after;   // inclusive
  std::optional<TimePoint> before;  // inclusive
};

// The attendance report's filters (contract §3.5 RP1). organization is a case-insensitive
// substring of the participant's organization (the reference accepted and ignored it).
struct AttendanceFilter {
  std::optional<std::string> session_id;
  std::optional<TimePoint> after;   // inclusive
  std::optional<TimePoint> before;  // inclusive
  std::optional<std::string> organization;
};

// A check-in joined with its participant and session; a reference to a deleted row leaves the
// joined fields absent (the reports show "Unknown"/"N/A" then).
struct AttendanceRow {
  std::optional<std::string> participant_name;
  std::optional<std::string> participant_email;
  std::optional<std::string> participant_organization;
  std::optional<std::string> session_name;
  TimePoint check_in_time;
  CheckInMethod method = CheckInMethod::kManual;
};

struct CheckInStats {
  std::int64_t total = 0;
  std::int64_t qr = 0;
  std::int64_t manual = 0;
};

// One participant's attendance: how many check-ins, and the latest one's time.
struct CheckInSummary {
  std::int64_t count = 0;
  std::optional<TimePoint> latest;
};

class CheckInRepository {
 public:
  virtual ~CheckInRepository() = default;
  virtual std::optional<CheckIn> find(const std::string& id) = 0;
  virtual std::optional<CheckIn> find_for(const std::string& participant_id, const std::string& session_id) = 0;
  virtual int count_for_session(const std::string& session_id) = 0;
  virtual Page<CheckIn> list(const CheckInFilter& filter, const PageRequest& page) = 0;
  virtual std::vector<CheckIn> recent(const std::optional<std::string>& session_id, int limit) = 0;
  virtual std::vector<CheckIn> for_session(const std::string& session_id) = 0;
  virtual CheckInStats stats(const std::optional<std::string>& session_id) = 0;
  // Check-ins joined with participant and session in one query, sorted as `page` says; a page
  // limit of 0 returns every matching row (exports).
  virtual Page<AttendanceRow> attendance(const AttendanceFilter& filter, const PageRequest& page) = 0;
  // The summaries of the participants with at least one check-in among `participant_ids`, by
  // participant id, in one query.
  virtual std::map<std::string, CheckInSummary> summaries(const std::vector<std::string>& participant_ids) = 0;
  virtual void insert(const CheckIn& check_in) = 0;
  virtual bool remove(const std::string& id) = 0;
};

}  // namespace admit
