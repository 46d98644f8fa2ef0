#pragma once

#include <cstdint>
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

struct CheckInStats {
  std::int64_t total = 0;
  std::int64_t qr = 0;
  std::int64_t manual = 0;
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
  virtual void insert(const CheckIn& check_in) = 0;
  virtual bool remove(const std::string& id) = 0;
};

}  // namespace admit
