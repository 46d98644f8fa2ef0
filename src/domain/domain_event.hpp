#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/capacity.hpp"
#include "domain/check_in.hpp"
#include "domain/check_in_attempt.hpp"
#include "domain/session.hpp"
#include "domain/time.hpp"
#include "domain/verification.hpp"

namespace admit {

struct SessionStatusChanged {
  std::string session_id;
  std::string session_name;
  SessionStatus previous_status;
  SessionStatus new_status;
  bool previous_is_open;
  bool new_is_open;
  std::string reason;  // "manual", "auto_open", "auto_end"
  TimePoint at;
};

struct CheckInRecorded {
  CheckIn check_in;
  std::string participant_name;
  std::string session_name;
  CapacityInfo capacity;
};

struct CheckInRemoved {
  CheckIn check_in;
  std::string session_name;
  CapacityInfo capacity;
};

struct EntryDeclined {
  CheckInAttempt attempt;
  std::string participant_name;
  std::string session_name;
};

struct EntryVerified {
  std::string session_id;
  std::string participant_id;
  std::string participant_name;
  std::string session_name;
  VerificationBadge badge;
  bool is_registered;
  TimePoint at;
};

// An ambassador's score or referrals changed (calculate, add/remove/sync referrals, promote,
// demote). The leaderboard subscribers rank from this.
struct AmbassadorScoreChanged {
  std::string ambassador_id;
  std::string name;
  int new_score;
  int previous_score;
  int referral_count;
};

struct TravelGrantChanged {
  std::string participant_id;
  std::string name;
  std::string status;  // "applied", "approved", "rejected"
  TimePoint at;
};

using DomainEvent = std::variant<SessionStatusChanged, CheckInRecorded, CheckInRemoved, EntryDeclined, EntryVerified,
                                 AmbassadorScoreChanged, TravelGrantChanged>;

}  // namespace admit
