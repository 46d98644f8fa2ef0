#include "api/openapi_document.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "api/access_policy.hpp"
#include "api/schema_catalog.hpp"

namespace admit {
namespace {

using verb = bhttp::verb;

// What the success answer holds.
enum class Reply {
  kItem,      // envelope, data: one `ref`
  kList,      // envelope, data: an array of `ref`
  kPage,      // envelope, data: an array of `ref`, meta: the page
  kObject,    // envelope, data: an object described in prose
  kDownload,  // a file (xlsx or csv), or the envelope when format=json
  kMetrics,   // the Prometheus text format
  kDocument,  // a bare JSON document (this description)
};

enum class Body { kNone, kJson, kMultipart };

struct Operation {
  verb method;
  const char* path;
  const char* tag;
  const char* summary;
  Reply reply = Reply::kObject;
  const char* ref = nullptr;  // a components/schemas name
  int status = 200;
  Body body = Body::kNone;
};

constexpr const char* kSessions = "Sessions";
constexpr const char* kParticipants = "Participants";
constexpr const char* kAmbassadors = "Ambassadors";
constexpr const char* kGrants = "Travel grants";
constexpr const char* kRegistrations = "Registrations";
constexpr const char* kCheckin = "Check-in";
constexpr const char* kReports = "Reports";
constexpr const char* kBulk = "Bulk";
constexpr const char* kSettings = "Settings";
constexpr const char* kHealth = "Health";
constexpr const char* kAuth = "Auth";
constexpr const char* kUsers = "Users";
constexpr const char* kMonitoring = "Monitoring";
constexpr const char* kDev = "Development";

// Every route the server registers (with --dev-reset; the --test-hooks routes are for the test
// suite only and not part of the API). Request schemas are not repeated here: see SchemaCatalog.
const std::vector<Operation>& operations() {
  static const std::vector<Operation> ops = {
      // Health and monitoring
      {verb::get, "/api/v1/health", kHealth, "Health, with a database probe (503 when it fails)"},
      {verb::get, "/api/v1/health/live", kHealth, "Liveness"},
      {verb::get, "/api/v1/health/ready", kHealth, "Readiness (503 until the store answers)"},
      {verb::get, "/api/v1/metrics", kMonitoring, "Prometheus metrics (text exposition format 0.0.4)", Reply::kMetrics},
      {verb::get, "/api/docs-json", kMonitoring, "This OpenAPI 3.1 description", Reply::kDocument},
      // Auth and accounts
      {verb::get, "/api/v1/auth/status", kAuth, "Whether auth is on and the first admin still has to be set up"},
      {verb::post, "/api/v1/auth/setup", kAuth, "Create the first admin with the one-time setup token, then log in",
       Reply::kObject, nullptr, 200, Body::kJson},
      {verb::post, "/api/v1/auth/login", kAuth, "Log in: a bearer token, a CSRF token and the session cookie",
       Reply::kObject, nullptr, 200, Body::kJson},
      {verb::post, "/api/v1/auth/logout", kAuth, "Revoke the presented token and clear the cookie"},
      {verb::get, "/api/v1/auth/me", kAuth, "The caller's account, role and CSRF token"},
      {verb::get, "/api/v1/users", kUsers, "List accounts", Reply::kList, "User"},
      {verb::post, "/api/v1/users", kUsers, "Create an account", Reply::kItem, "User", 201, Body::kJson},
      {verb::patch, "/api/v1/users/:id", kUsers, "Change an account's role, password or disabled flag", Reply::kItem,
       "User", 200, Body::kJson},
      {verb::delete_, "/api/v1/users/:id", kUsers, "Delete an account (and its tokens)"},
      {verb::post, "/api/v1/users/:id/revoke-tokens", kUsers, "Log an account out everywhere"},
      // Sessions
      {verb::post, "/api/v1/sessions", kSessions, "Create a session", Reply::kItem, "Session", 201, Body::kJson},
      {verb::get, "/api/v1/sessions", kSessions, "List sessions", Reply::kPage, "Session"},
      {verb::get, "/api/v1/sessions/stats", kSessions, "Counts of sessions: total, open, upcoming, past"},
      {verb::get, "/api/v1/sessions/upcoming", kSessions, "Open sessions that have not ended, soonest first",
       Reply::kList, "Session"},
      {verb::post, "/api/v1/sessions/bulk", kSessions, "Create several sessions", Reply::kList, "Session", 201,
       Body::kJson},
      {verb::get, "/api/v1/sessions/:id", kSessions, "One session", Reply::kItem, "Session"},
      {verb::patch, "/api/v1/sessions/:id", kSessions, "Update a session", Reply::kItem, "Session", 200, Body::kJson},
      {verb::delete_, "/api/v1/sessions/:id", kSessions, "Delete a session"},
      {verb::patch, "/api/v1/sessions/:id/toggle-open", kSessions, "Open or close a session for check-in", Reply::kItem,
       "Session"},
      {verb::get, "/api/v1/sessions/:id/participants", kSessions, "A session's registered participants"},
      {verb::get, "/api/v1/sessions/:id/checkins", kSessions, "A session's check-ins"},
      // Participants
      {verb::post, "/api/v1/participants", kParticipants, "Create a participant (with a QR ticket)", Reply::kItem,
       "Participant", 201, Body::kJson},
      {verb::get, "/api/v1/participants", kParticipants, "List participants", Reply::kPage, "Participant"},
      {verb::get, "/api/v1/participants/generate-qr", kParticipants, "A fresh, unused QR code"},
      {verb::get, "/api/v1/participants/stats", kParticipants, "Counts of participants by status"},
      {verb::get, "/api/v1/participants/qr/:qrCode", kParticipants, "The participant holding a QR code", Reply::kItem,
       "Participant"},
      {verb::post, "/api/v1/participants/bulk", kParticipants, "Create several participants", Reply::kObject, nullptr,
       201, Body::kJson},
      {verb::get, "/api/v1/participants/:id", kParticipants, "One participant", Reply::kItem, "Participant"},
      {verb::get, "/api/v1/participants/:id/details", kParticipants,
       "A participant with registrations, check-ins and QR image"},
      {verb::patch, "/api/v1/participants/:id", kParticipants, "Update a participant", Reply::kItem, "Participant", 200,
       Body::kJson},
      {verb::delete_, "/api/v1/participants/:id", kParticipants, "Delete a participant"},
      // Ambassadors
      {verb::get, "/api/v1/participants/ambassadors/leaderboard", kAmbassadors, "Ambassadors ranked by points"},
      {verb::get, "/api/v1/participants/ambassadors/search", kAmbassadors, "Search ambassadors", Reply::kPage,
       "Participant"},
      {verb::get, "/api/v1/participants/ambassadors", kAmbassadors, "List ambassadors", Reply::kList, "Participant"},
      {verb::post, "/api/v1/participants/ambassadors/sync-all-referrals", kAmbassadors,
       "Recompute every ambassador's referrals and points"},
      {verb::get, "/api/v1/participants/:id/ambassador/activity", kAmbassadors, "An ambassador's referral activity"},
      {verb::get, "/api/v1/participants/:id/ambassador/details", kAmbassadors, "An ambassador with referrals"},
      {verb::post, "/api/v1/participants/:id/ambassador/calculate-points", kAmbassadors,
       "Recompute an ambassador's points"},
      {verb::post, "/api/v1/participants/:id/ambassador/add-referred", kAmbassadors, "Add a referred participant",
       Reply::kObject, nullptr, 200, Body::kJson},
      {verb::delete_, "/api/v1/participants/:id/ambassador/remove-referred/:participantId", kAmbassadors,
       "Remove a referred participant"},
      {verb::post, "/api/v1/participants/:id/ambassador/sync-referrals", kAmbassadors,
       "Recompute an ambassador's referrals"},
      {verb::post, "/api/v1/participants/:id/ambassador/promote", kAmbassadors, "Make a participant an ambassador"},
      {verb::post, "/api/v1/participants/:id/ambassador/demote", kAmbassadors, "Make an ambassador regular again"},
      // Travel grants
      {verb::get, "/api/v1/participants/travel-grants/applications", kGrants, "Travel grant applications"},
      {verb::get, "/api/v1/participants/travel-grants/stats", kGrants, "Counts of applications by decision"},
      {verb::get, "/api/v1/participants/travel-grants/search", kGrants, "Search applicants", Reply::kPage,
       "Participant"},
      {verb::get, "/api/v1/participants/travel-grants", kGrants, "Participants with a travel grant application",
       Reply::kList, "Participant"},
      {verb::get, "/api/v1/participants/:id/travel-grant/qualification", kGrants,
       "Whether a participant qualifies for a grant"},
      {verb::post, "/api/v1/participants/:id/travel-grant/apply", kGrants, "Apply for a travel grant"},
      {verb::patch, "/api/v1/participants/:id/travel-grant/decide", kGrants, "Approve or reject an application",
       Reply::kObject, nullptr, 200, Body::kJson},
      {verb::post, "/api/v1/participants/:id/travel-grant/approve", kGrants, "Approve an application"},
      {verb::post, "/api/v1/participants/:id/travel-grant/reject", kGrants, "Reject an application"},
      {verb::get, "/api/v1/participants/:id/travel-grant/details", kGrants, "A participant's application"},
      // Registrations
      {verb::post, "/api/v1/registrations", kRegistrations, "Register a participant for a session", Reply::kItem,
       "Registration", 201, Body::kJson},
      {verb::get, "/api/v1/registrations", kRegistrations, "List registrations", Reply::kPage, "Registration"},
      {verb::get, "/api/v1/registrations/stats/overview", kRegistrations, "Counts of registrations by status"},
      {verb::get, "/api/v1/registrations/:id", kRegistrations, "One registration", Reply::kItem, "Registration"},
      {verb::patch, "/api/v1/registrations/:id", kRegistrations, "Change a registration's status or notes",
       Reply::kItem, "Registration", 200, Body::kJson},
      {verb::delete_, "/api/v1/registrations/:id", kRegistrations, "Delete a registration"},
      // Check-in
      {verb::post, "/api/v1/checkin/verify-qr", kCheckin, "What the door shows after a scan (badge, capacity)",
       Reply::kObject, nullptr, 200, Body::kJson},
      {verb::post, "/api/v1/checkin/accept", kCheckin, "Check a participant in (capacity enforced atomically)",
       Reply::kItem, "CheckIn", 201, Body::kJson},
      {verb::post, "/api/v1/checkin/decline", kCheckin, "Refuse an entry (kept as an audit record)", Reply::kItem,
       "CheckInAttempt", 200, Body::kJson},
      {verb::get, "/api/v1/checkin/attempts", kCheckin, "Declined entries", Reply::kPage, "CheckInAttempt"},
      {verb::get, "/api/v1/checkin/attempts/stats", kCheckin, "Counts of declined entries"},
      {verb::post, "/api/v1/checkin/qr", kCheckin, "Check in by QR code in one step", Reply::kItem, "CheckIn", 201,
       Body::kJson},
      {verb::get, "/api/v1/checkin/stats", kCheckin, "Check-in counts (optionally of one session)"},
      {verb::get, "/api/v1/checkin/recent", kCheckin, "The latest check-ins"},
      {verb::get, "/api/v1/checkin/verify/:participantId/:sessionId", kCheckin,
       "Whether a participant is checked in to a session"},
      {verb::post, "/api/v1/checkin", kCheckin, "Create a check-in (manual or QR)", Reply::kItem, "CheckIn", 201,
       Body::kJson},
      {verb::get, "/api/v1/checkin", kCheckin, "List check-ins", Reply::kPage, "CheckIn"},
      {verb::get, "/api/v1/checkin/:id", kCheckin, "One check-in"},
      {verb::delete_, "/api/v1/checkin/:id", kCheckin, "Delete a check-in (the session's count follows)"},
      // Reports and exports
      {verb::get, "/api/v1/reports/attendance", kReports, "Attendance report (JSON, .xlsx or CSV)", Reply::kDownload},
      {verb::get, "/api/v1/reports/statistics", kReports, "Event-wide statistics"},
      {verb::get, "/api/v1/reports/sessions-sheets", kReports, "One sheet per session (JSON, .xlsx or CSV)",
       Reply::kDownload},
      {verb::get, "/api/v1/reports/session/:sessionId", kReports, "One session's report (JSON, .xlsx or CSV)",
       Reply::kDownload},
      {verb::get, "/api/v1/bulk/template/participants", kBulk, "The participant import template (.xlsx or CSV)",
       Reply::kDownload},
      {verb::get, "/api/v1/bulk/sessions/:sessionId/export", kBulk, "A session's participants (.xlsx or CSV)",
       Reply::kDownload},
      // Bulk import
      {verb::post, "/api/v1/bulk/upload/participants", kBulk, "Import participants from an .xlsx or CSV file",
       Reply::kObject, nullptr, 201, Body::kMultipart},
      {verb::post, "/api/v1/bulk/upload/sessions/:sessionId/participants", kBulk,
       "Import participants and register them for a session", Reply::kObject, nullptr, 201, Body::kMultipart},
      {verb::post, "/api/v1/bulk/sessions/:sessionId/assign", kBulk, "Register existing participants for a session",
       Reply::kObject, nullptr, 201, Body::kJson},
      // Settings
      {verb::get, "/api/v1/settings", kSettings, "All settings"},
      {verb::get, "/api/v1/settings/timing", kSettings, "Timing settings (auto-open, auto-end, lateness)"},
      {verb::put, "/api/v1/settings/timing", kSettings, "Change the timing settings", Reply::kObject, nullptr, 200,
       Body::kJson},
      // Development
      {verb::post, "/api/v1/_dev/reset", kDev,
       "Delete all data (only with --dev-reset, for client developers' test suites; never on an event)"},
  };
  return ops;
}

const char* tag_description(std::string_view tag) {
  static const std::map<std::string_view, const char*> descriptions = {
      {kHealth, "Probes for load balancers and orchestrators"},
      {kMonitoring, "Prometheus metrics and this description"},
      {kAuth, "Log in and out; first-run setup"},
      {kUsers, "Accounts and roles (admin)"},
      {kSessions, "Rooms, talks and workshops with capacities"},
      {kParticipants, "Attendees and their QR tickets"},
      {kAmbassadors, "Referral programme"},
      {kGrants, "Travel grant applications"},
      {kRegistrations, "Who is registered for which session"},
      {kCheckin, "Door decisions: verify, accept, decline"},
      {kReports, "Attendance reports and spreadsheets"},
      {kBulk, "Imports and exports of participant lists"},
      {kSettings, "Event-wide timing settings"},
      {kDev, "Development aids"},
  };
  auto it = descriptions.find(tag);
  return it == descriptions.end() ? "" : it->second;
}

std::string method_name(verb method) {
  std::string name(bhttp::to_string(method));
  for (auto& c : name)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// "/api/v1/sessions/:id" -> "/api/v1/sessions/{id}", collecting the parameter names.
std::string openapi_path(std::string_view pattern, std::vector<std::string>& params) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':' && i > 0 && pattern[i - 1] == '/') {
      auto end = pattern.find('/', i);
      auto name = pattern.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
      params.emplace_back(name);
      out += '{';
      out += name;
      out += '}';
      i = end == std::string_view::npos ? pattern.size() : end;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

constexpr const char* kObjectIdPattern = "^[0-9a-fA-F]{24}$";

Json field_schema(const FieldSpec& f) {
  Json s = Json::object();
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kQrCode:
      s["type"] = "string";
      break;
    case FieldKind::kInt:
      s["type"] = "integer";
      break;
    case FieldKind::kBool:
      s["type"] = "boolean";
      break;
    case FieldKind::kDate:
      s["type"] = "string";
      s["format"] = "date-time";
      break;
    case FieldKind::kObjectId:
      s["type"] = "string";
      s["pattern"] = kObjectIdPattern;
      break;
    case FieldKind::kEmail:
      s["type"] = "string";
      s["format"] = "email";
      break;
    case FieldKind::kEnum:
      s["type"] = "string";
      s["enum"] = Json::array();
      for (auto c : f.choices)
        s["enum"].push_back(std::string(c));
      break;
    case FieldKind::kObjectIdArray:
      s["type"] = "array";
      s["items"] = {{"type", "string"}, {"pattern", kObjectIdPattern}};
      break;
    case FieldKind::kObjectArray:
      s["type"] = "array";
      break;
  }
  bool is_string = s["type"] == "string";
  if (f.max_length > 0 && is_string) s["maxLength"] = f.max_length;
  if (f.not_empty && is_string) s["minLength"] = 1;
  if (f.not_empty && s["type"] == "array") s["minItems"] = 1;
  if (f.min) s["minimum"] = *f.min;
  if (f.max) s["maximum"] = *f.max;
  return s;
}

Json object_schema(const Schema& schema) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const auto& f : schema) {
    Json s = field_schema(f);
    if (f.kind == FieldKind::kObjectArray && f.items != nullptr) s["items"] = object_schema(*f.items);
    properties[std::string(f.name)] = std::move(s);
    if (f.required) required.push_back(std::string(f.name));
  }
  Json out = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) out["required"] = std::move(required);
  // Unknown properties are refused (400), as the reference's whitelist validation does.
  out["additionalProperties"] = false;
  return out;
}

Json ref(std::string_view name) { return {{"$ref", "#/components/schemas/" + std::string(name)}}; }

Json envelope(Json data, bool paged = false) {
  Json s = {{"allOf", Json::array({ref("Success")})}};
  Json props = {{"data", std::move(data)}};
  if (paged) props["meta"] = ref("PageMeta");
  s["allOf"].push_back({{"type", "object"}, {"properties", std::move(props)}});
  return s;
}

Json json_content(Json schema) { return {{"application/json", {{"schema", std::move(schema)}}}}; }

Json success_response(const Operation& op) {
  switch (op.reply) {
    case Reply::kItem:
      return {{"description", "Success"}, {"content", json_content(envelope(ref(op.ref)))}};
    case Reply::kList:
      return {{"description", "Success"},
              {"content", json_content(envelope({{"type", "array"}, {"items", ref(op.ref)}}))}};
    case Reply::kPage:
      return {{"description", "One page"},
              {"content", json_content(envelope({{"type", "array"}, {"items", ref(op.ref)}}, true))}};
    case Reply::kObject:
      return {{"description", "Success"}, {"content", json_content(ref("Success"))}};
    case Reply::kDownload: {
      Json binary = {{"schema", {{"type", "string"}, {"contentMediaType", "application/octet-stream"}}}};
      Json content = json_content(ref("Success"));
      content["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = binary;
      content["text/csv"] = {{"schema", {{"type", "string"}}}};
      return {{"description", "The report as JSON, or a file download (Content-Disposition: attachment)"},
              {"content", std::move(content)}};
    }
    case Reply::kMetrics:
      return {{"description", "Prometheus text exposition format, version 0.0.4 (see docs/metrics.md)"},
              {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}};
    case Reply::kDocument:
      return {{"description", "An OpenAPI 3.1 document"}, {"content", json_content({{"type", "object"}})}};
  }
  return Json::object();
}

Json error_response_ref(const char* description) {
  return {{"description", description}, {"content", json_content(ref("Error"))}};
}

Json components() {
  Json id = {{"type", "string"}, {"pattern", kObjectIdPattern}};
  Json time = {{"type", "string"}, {"format", "date-time"}};
  Json str = {{"type", "string"}};
  Json integer = {{"type", "integer"}};
  Json boolean = {{"type", "boolean"}};
  auto nullable = [](Json type) { return Json{{"type", Json::array({std::move(type), "null"})}}; };
  auto object = [](Json properties, Json required) {
    return Json{{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
  };
  Json schemas = Json::object();
  schemas["Success"] = object({{"status", {{"const", "success"}}},
                               {"message", str},
                               {"data", Json::object()},
                               {"timestamp", time},
                               {"path", str}},
                              {"status", "message", "timestamp", "path"});
  schemas["Error"] = object(
      {{"status", {{"const", "error"}}},
       {"statusCode", integer},
       {"message", str},
       {"errors", {{"type", "array"}, {"items", object({{"field", str}, {"message", str}}, {"field", "message"})}}},
       {"timestamp", time},
       {"path", str},
       {"method", str}},
      {"status", "statusCode", "message", "timestamp", "path", "method"});
  schemas["PageMeta"] =
      object({{"page", integer}, {"limit", integer}, {"total", integer}, {"totalPages", integer}}, {"total"});
  schemas["Session"] = object({{"_id", id},
                               {"name", str},
                               {"description", str},
                               {"startTime", time},
                               {"endTime", time},
                               {"location", str},
                               {"isOpen", boolean},
                               {"status", {{"enum", {"scheduled", "open", "ended", "closed", "cancelled"}}}},
                               {"capacity", integer},
                               {"capacityEnforced", boolean},
                               {"requiresRegistration", boolean},
                               {"checkInsCount", integer},
                               {"day", integer},
                               {"createdAt", time},
                               {"updatedAt", time}},
                              {"_id", "name", "startTime", "endTime", "isOpen", "status", "capacity", "checkInsCount"});
  schemas["Participant"] = object({{"_id", id},
                                   {"name", str},
                                   {"email", {{"type", "string"}, {"format", "email"}}},
                                   {"organization", str},
                                   {"phone", str},
                                   {"qrCode", str},
                                   {"isActive", boolean},
                                   {"status", {{"enum", {"regular", "ambassador", "travel_grant"}}}},
                                   {"ambassadorPoints", integer},
                                   {"referredParticipantIds", {{"type", "array"}, {"items", id}}},
                                   {"travelGrantApplied", boolean},
                                   {"travelGrantApproved", nullable("boolean")},
                                   {"createdAt", time},
                                   {"updatedAt", time}},
                                  {"_id", "name", "email", "qrCode", "isActive", "status"});
  schemas["Registration"] = object({{"_id", id},
                                    {"participantId", {{"oneOf", {id, ref("Participant")}}}},
                                    {"sessionId", {{"oneOf", {id, ref("Session")}}}},
                                    {"registrationDate", time},
                                    {"status", str},
                                    {"notes", str},
                                    {"createdAt", time},
                                    {"updatedAt", time}},
                                   {"_id", "participantId", "sessionId", "status"});
  schemas["CheckIn"] = object({{"_id", id},
                               {"participantId", {{"oneOf", {id, ref("Participant")}}}},
                               {"sessionId", {{"oneOf", {id, ref("Session")}}}},
                               {"checkInTime", time},
                               {"method", {{"enum", {"qr", "manual"}}}},
                               {"checkedInBy", str},
                               {"notes", str},
                               {"isLate", boolean},
                               {"badge", {{"enum", {"accepted", "accepted_unregistered"}}}},
                               {"wasRegistered", boolean},
                               {"createdAt", time},
                               {"updatedAt", time}},
                              {"_id", "participantId", "sessionId", "checkInTime", "method"});
  schemas["CheckInAttempt"] = object({{"_id", id},
                                      {"participantId", {{"oneOf", {id, ref("Participant")}}}},
                                      {"sessionId", {{"oneOf", {id, ref("Session")}}}},
                                      {"attemptTime", time},
                                      {"status", {{"enum", {"declined", "failed"}}}},
                                      {"declinedBy", str},
                                      {"reason", str},
                                      {"wasRegistered", boolean},
                                      {"createdAt", time},
                                      {"updatedAt", time}},
                                     {"_id", "participantId", "sessionId", "attemptTime", "status"});
  schemas["User"] = object({{"id", str}, {"username", str}, {"role", {{"enum", {"viewer", "staff", "admin"}}}}},
                           {"id", "username", "role"});
  Json security = {
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "A token from POST /api/v1/auth/login"}}},
      {"cookie",
       {{"type", "apiKey"},
        {"in", "cookie"},
        {"name", "admit_session"},
        {"description", "The login cookie; writes also need the X-CSRF-Token header"}}}};
  return {{"schemas", std::move(schemas)}, {"securitySchemes", std::move(security)}};
}

}  // namespace

Json openapi_document() {
  std::map<std::pair<int, std::string>, std::vector<SchemaUse>> uses;
  for (const auto& use : SchemaCatalog::all())
    uses[{static_cast<int>(use.method), std::string(use.path)}].push_back(use);
  std::map<std::pair<int, std::string_view>, Role> roles;
  for (const auto& rule : access_rules())
    roles[{static_cast<int>(rule.method), rule.pattern}] = rule.role;

  Json paths = Json::object();
  std::vector<std::string> tags_in_order;
  for (const auto& op : operations()) {
    std::vector<std::string> path_params;
    std::string path = openapi_path(op.path, path_params);
    Json o = Json::object();
    o["tags"] = {op.tag};
    if (std::find(tags_in_order.begin(), tags_in_order.end(), op.tag) == tags_in_order.end())
      tags_in_order.emplace_back(op.tag);
    o["summary"] = op.summary;
    o["operationId"] = method_name(op.method) + path;

    auto role_it = roles.find({static_cast<int>(op.method), op.path});
    Role role = role_it == roles.end() ? Role::kAdmin : role_it->second;
    o["x-admit-role"] = std::string(to_string(role));
    if (role == Role::kPublic) {
      o["security"] = Json::array();
    } else {
      o["description"] = "Needs the " + std::string(to_string(role)) + " role (or higher) when auth is on.";
    }

    Json parameters = Json::array();
    for (const auto& name : path_params) {
      parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    const Schema* body_schema = nullptr;
    if (auto it = uses.find({static_cast<int>(op.method), std::string(op.path)}); it != uses.end()) {
      for (const auto& use : it->second) {
        if (use.part == SchemaUse::Part::kBody) {
          body_schema = use.schema;
          continue;
        }
        for (const auto& f : *use.schema) {
          Json p = {{"name", std::string(f.name)}, {"in", "query"}, {"schema", field_schema(f)}};
          if (f.required) p["required"] = true;
          parameters.push_back(std::move(p));
        }
      }
    }
    if (!parameters.empty()) o["parameters"] = std::move(parameters);

    if (op.body == Body::kJson) {
      Json schema = body_schema != nullptr ? object_schema(*body_schema) : Json{{"type", "object"}};
      o["requestBody"] = {
          {"required", body_schema != nullptr && std::any_of(body_schema->begin(), body_schema->end(),
                                                             [](const FieldSpec& f) { return f.required; })},
          {"content", json_content(std::move(schema))}};
    } else if (op.body == Body::kMultipart) {
      Json file = {{"type", "object"},
                   {"properties", {{"file", {{"type", "string"}, {"contentMediaType", "application/octet-stream"}}}}},
                   {"required", {"file"}}};
      o["requestBody"] = {{"required", true}, {"content", {{"multipart/form-data", {{"schema", std::move(file)}}}}}};
    }

    Json responses = Json::object();
    responses[std::to_string(op.status)] = success_response(op);
    if (!path_params.empty() || op.body != Body::kNone || o.contains("parameters")) {
      responses["400"] = error_response_ref("Invalid input: every problem as {field, message}");
    }
    if (role != Role::kPublic) {
      responses["401"] = error_response_ref("No valid credentials");
      responses["403"] = error_response_ref("The account's role is not enough (or a missing CSRF token)");
    }
    if (!path_params.empty()) responses["404"] = error_response_ref("Not found");
    responses["429"] = error_response_ref("Too many requests (see Retry-After)");
    o["responses"] = std::move(responses);
    paths[path][method_name(op.method)] = std::move(o);
  }

  Json tags = Json::array();
  for (const auto& t : tags_in_order)
    tags.push_back({{"name", t}, {"description", tag_description(t)}});

  Json doc = Json::object();
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", "admit API"},
                 {"version", ADMIT_VERSION},
                 {"summary", "Event registration and check-in"},
                 {"description",
                  "REST API v1 of admit, wire-compatible with the reference check-in system (differences: "
                  "docs/compatibility.md). Every answer is a JSON envelope ({status, message, data, timestamp, path} "
                  "or the error envelope) unless a file is downloaded. Requests may carry X-Request-Id; every "
                  "response returns one."}};
  doc["servers"] = Json::array({{{"url", "/"}}});
  doc["security"] = Json::array({{{"bearer", Json::array()}}, {{"cookie", Json::array()}}});
  doc["tags"] = std::move(tags);
  doc["paths"] = std::move(paths);
  doc["components"] = components();
  return doc;
}

}  // namespace admit
