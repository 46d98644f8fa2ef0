#include "api/views.hpp"

namespace admit {
namespace {

template <class T>
void put_if(Json& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

void put_time_if(Json& out, const char* key, const std::optional<TimePoint>& value) {
  if (value) out[key] = format_iso8601(*value);
}

void timestamps(Json& out, TimePoint created, TimePoint updated) {
  out["createdAt"] = format_iso8601(created);
  out["updatedAt"] = format_iso8601(updated);
  out["__v"] = 0;
}

}  // namespace

Json to_json(const Session& s) {
  Json out = Json::object();
  out["_id"] = s.id;
  out["name"] = s.name;
  put_if(out, "description", s.description);
  out["startTime"] = format_iso8601(s.start_time);
  out["endTime"] = format_iso8601(s.end_time);
  put_if(out, "location", s.location);
  out["isOpen"] = s.is_open;
  out["status"] = to_string(s.status);
  out["capacity"] = s.capacity;
  out["capacityEnforced"] = s.capacity_enforced;
  out["requiresRegistration"] = s.requires_registration;
  out["checkInsCount"] = s.check_ins_count;
  out["day"] = s.day;
  put_if(out, "autoOpenMinutesBefore", s.auto_open_minutes_before);
  put_if(out, "autoEndGraceMinutes", s.auto_end_grace_minutes);
  put_if(out, "lateThresholdMinutes", s.late_threshold_minutes);
  timestamps(out, s.created_at, s.updated_at);
  return out;
}

Json to_json(const Participant& p) {
  Json out = Json::object();
  out["_id"] = p.id;
  out["name"] = p.name;
  out["email"] = p.email;
  put_if(out, "organization", p.organization);
  put_if(out, "phone", p.phone);
  out["qrCode"] = p.qr_code;
  out["isActive"] = p.is_active;
  out["status"] = to_string(p.status);
  out["ambassadorPoints"] = p.ambassador_points;
  out["referredParticipantIds"] = p.referred_participant_ids;
  out["travelGrantApplied"] = p.travel_grant_applied;
  out["travelGrantApproved"] = p.travel_grant_approved ? Json(*p.travel_grant_approved) : Json(nullptr);
  put_time_if(out, "travelGrantAppliedAt", p.travel_grant_applied_at);
  put_time_if(out, "travelGrantDecidedAt", p.travel_grant_decided_at);
  put_if(out, "notes", p.notes);
  timestamps(out, p.created_at, p.updated_at);
  return out;
}

Json to_json(const Registration& r) {
  Json out = Json::object();
  out["_id"] = r.id;
  out["participantId"] = r.participant_id;
  out["sessionId"] = r.session_id;
  out["registrationDate"] = format_iso8601(r.registration_date);
  out["status"] = to_string(r.status);
  put_if(out, "notes", r.notes);
  timestamps(out, r.created_at, r.updated_at);
  return out;
}

Json to_json(const CheckIn& c) {
  Json out = Json::object();
  out["_id"] = c.id;
  out["participantId"] = c.participant_id;
  out["sessionId"] = c.session_id;
  out["checkInTime"] = format_iso8601(c.check_in_time);
  out["method"] = to_string(c.method);
  put_if(out, "checkedInBy", c.checked_in_by);
  put_if(out, "notes", c.notes);
  out["isLate"] = c.is_late;
  out["badge"] = to_string(c.badge);
  out["wasRegistered"] = c.was_registered;
  timestamps(out, c.created_at, c.updated_at);
  return out;
}

Json to_json(const CheckInAttempt& a) {
  Json out = Json::object();
  out["_id"] = a.id;
  out["participantId"] = a.participant_id;
  out["sessionId"] = a.session_id;
  out["attemptTime"] = format_iso8601(a.attempt_time);
  out["status"] = a.status;
  put_if(out, "declinedBy", a.declined_by);
  put_if(out, "reason", a.reason);
  out["wasRegistered"] = a.was_registered;
  timestamps(out, a.created_at, a.updated_at);
  return out;
}

Json to_json(const CapacityInfo& c) {
  Json out = Json::object();
  out["capacity"] = c.capacity;
  out["checkInsCount"] = c.check_ins_count;
  out["remaining"] = c.remaining;
  out["percentFull"] = c.percent_full;
  out["isNearCapacity"] = c.is_near_capacity;
  return out;
}

Json pick(const Json& document, std::initializer_list<const char*> fields) {
  if (document.is_null()) return nullptr;
  Json out = Json::object();
  out["_id"] = document.at("_id");
  for (const char* field : fields) {
    auto it = document.find(field);
    if (it != document.end()) out[field] = *it;
  }
  return out;
}

void populate(Json& document, const char* key, Json referenced) { document[key] = std::move(referenced); }

}  // namespace admit
