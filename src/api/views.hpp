#pragma once

#include "domain/capacity.hpp"
#include "domain/check_in.hpp"
#include "domain/check_in_attempt.hpp"
#include "domain/participant.hpp"
#include "domain/registration.hpp"
#include "domain/session.hpp"
#include "http/json.hpp"

namespace admit {

// Documents as the reference serialises them: "_id", ISO dates, integers as integers, fields
// never set left out, and "__v" (always 0: admit keeps no version key of its own).
Json to_json(const Session& session);
Json to_json(const Participant& participant);
Json to_json(const Registration& registration);
Json to_json(const CheckIn& check_in);
Json to_json(const CheckInAttempt& attempt);

// {capacity, checkInsCount, remaining, percentFull, isNearCapacity}
Json to_json(const CapacityInfo& capacity);

// Selected fields of a document, as a Mongoose populate with a field list returns them.
Json pick(const Json& document, std::initializer_list<const char*> fields);

// `document[key]` replaced by the referenced document (or null when it no longer exists).
void populate(Json& document, const char* key, Json referenced);

}  // namespace admit
