#include "api/access_policy.hpp"

namespace admit {
namespace {

using bhttp::verb;
constexpr Role kPublic = Role::kPublic;
constexpr Role kViewer = Role::kViewer;
constexpr Role kStaff = Role::kStaff;
constexpr Role kAdmin = Role::kAdmin;

// viewer: read-only dashboards and reports; staff: viewer + scanning and reading participants,
// registrations and check-in lists; admin: everything else (writes, bulk, exports, settings,
// accounts, development routes). The Socket.IO transport does its own check at CONNECT.
const std::vector<AccessRule> kRules = {
    // Health, sign-in and the API description are public.
    {verb::get, "/api/v1/health", kPublic},
    {verb::get, "/api/v1/health/live", kPublic},
    {verb::get, "/api/v1/health/ready", kPublic},
    {verb::get, "/api/v1/auth/status", kPublic},
    {verb::post, "/api/v1/auth/login", kPublic},
    {verb::post, "/api/v1/auth/setup", kPublic},
    {verb::get, "/api/docs", kPublic},
    {verb::get, "/api/docs-json", kPublic},
    {verb::get, "/api/v1/auth/me", kViewer},
    {verb::post, "/api/v1/auth/logout", kViewer},

    // Sessions: reading is a dashboard.
    {verb::get, "/api/v1/sessions", kViewer},
    {verb::get, "/api/v1/sessions/stats", kViewer},
    {verb::get, "/api/v1/sessions/upcoming", kViewer},
    {verb::get, "/api/v1/sessions/:id", kViewer},
    {verb::get, "/api/v1/sessions/:id/participants", kViewer},
    {verb::get, "/api/v1/sessions/:id/checkins", kViewer},
    {verb::post, "/api/v1/sessions", kAdmin},
    {verb::post, "/api/v1/sessions/bulk", kAdmin},
    {verb::patch, "/api/v1/sessions/:id", kAdmin},
    {verb::patch, "/api/v1/sessions/:id/toggle-open", kAdmin},
    {verb::delete_, "/api/v1/sessions/:id", kAdmin},

    // Participants: doors read them; counts are a dashboard.
    {verb::get, "/api/v1/participants/stats", kViewer},
    {verb::get, "/api/v1/participants", kStaff},
    {verb::get, "/api/v1/participants/generate-qr", kStaff},
    {verb::get, "/api/v1/participants/qr/:qrCode", kStaff},
    {verb::get, "/api/v1/participants/:id", kStaff},
    {verb::get, "/api/v1/participants/:id/details", kStaff},
    {verb::post, "/api/v1/participants", kAdmin},
    {verb::post, "/api/v1/participants/bulk", kAdmin},
    {verb::patch, "/api/v1/participants/:id", kAdmin},
    {verb::delete_, "/api/v1/participants/:id", kAdmin},

    // Ambassadors and travel grants: leaderboard and counts are dashboards, lists are participant data.
    {verb::get, "/api/v1/participants/ambassadors/leaderboard", kViewer},
    {verb::get, "/api/v1/participants/travel-grants/stats", kViewer},
    {verb::get, "/api/v1/participants/ambassadors", kStaff},
    {verb::get, "/api/v1/participants/ambassadors/search", kStaff},
    {verb::get, "/api/v1/participants/:id/ambassador/activity", kStaff},
    {verb::get, "/api/v1/participants/:id/ambassador/details", kStaff},
    {verb::get, "/api/v1/participants/travel-grants", kStaff},
    {verb::get, "/api/v1/participants/travel-grants/applications", kStaff},
    {verb::get, "/api/v1/participants/travel-grants/search", kStaff},
    {verb::get, "/api/v1/participants/:id/travel-grant/qualification", kStaff},
    {verb::get, "/api/v1/participants/:id/travel-grant/details", kStaff},
    {verb::post, "/api/v1/participants/ambassadors/sync-all-referrals", kAdmin},
    {verb::post, "/api/v1/participants/:id/ambassador/calculate-points", kAdmin},
    {verb::post, "/api/v1/participants/:id/ambassador/add-referred", kAdmin},
    {verb::delete_, "/api/v1/participants/:id/ambassador/remove-referred/:participantId", kAdmin},
    {verb::post, "/api/v1/participants/:id/ambassador/sync-referrals", kAdmin},
    {verb::post, "/api/v1/participants/:id/ambassador/promote", kAdmin},
    {verb::post, "/api/v1/participants/:id/ambassador/demote", kAdmin},
    {verb::post, "/api/v1/participants/:id/travel-grant/apply", kAdmin},
    {verb::patch, "/api/v1/participants/:id/travel-grant/decide", kAdmin},
    {verb::post, "/api/v1/participants/:id/travel-grant/approve", kAdmin},
    {verb::post, "/api/v1/participants/:id/travel-grant/reject", kAdmin},

    // Registrations.
    {verb::get, "/api/v1/registrations/stats/overview", kViewer},
    {verb::get, "/api/v1/registrations", kStaff},
    {verb::get, "/api/v1/registrations/:id", kStaff},
    {verb::post, "/api/v1/registrations", kAdmin},
    {verb::patch, "/api/v1/registrations/:id", kAdmin},
    {verb::delete_, "/api/v1/registrations/:id", kAdmin},

    // Check-in: scanning is staff work; the counts are dashboards.
    {verb::get, "/api/v1/checkin/stats", kViewer},
    {verb::get, "/api/v1/checkin/attempts/stats", kViewer},
    {verb::post, "/api/v1/checkin/verify-qr", kStaff},
    {verb::post, "/api/v1/checkin/accept", kStaff},
    {verb::post, "/api/v1/checkin/decline", kStaff},
    {verb::post, "/api/v1/checkin/qr", kStaff},
    {verb::post, "/api/v1/checkin", kStaff},
    {verb::get, "/api/v1/checkin", kStaff},
    {verb::get, "/api/v1/checkin/recent", kStaff},
    {verb::get, "/api/v1/checkin/attempts", kStaff},
    {verb::get, "/api/v1/checkin/verify/:participantId/:sessionId", kStaff},
    {verb::get, "/api/v1/checkin/:id", kStaff},
    {verb::delete_, "/api/v1/checkin/:id", kAdmin},

    // Reports are read-only; spreadsheet exports and imports are admin work.
    {verb::get, "/api/v1/reports/attendance", kViewer},
    {verb::get, "/api/v1/reports/statistics", kViewer},
    {verb::get, "/api/v1/reports/sessions-sheets", kViewer},
    {verb::get, "/api/v1/reports/session/:sessionId", kViewer},
    {verb::get, "/api/v1/bulk/template/participants", kAdmin},
    {verb::get, "/api/v1/bulk/sessions/:sessionId/export", kAdmin},
    {verb::post, "/api/v1/bulk/upload/participants", kAdmin},
    {verb::post, "/api/v1/bulk/upload/sessions/:sessionId/participants", kAdmin},
    {verb::post, "/api/v1/bulk/sessions/:sessionId/assign", kAdmin},

    // Settings and observability.
    {verb::get, "/api/v1/settings", kViewer},
    {verb::get, "/api/v1/settings/timing", kViewer},
    {verb::put, "/api/v1/settings/timing", kAdmin},
    {verb::get, "/api/v1/metrics", kViewer},

    // Accounts.
    {verb::get, "/api/v1/users", kAdmin},
    {verb::post, "/api/v1/users", kAdmin},
    {verb::patch, "/api/v1/users/:id", kAdmin},
    {verb::delete_, "/api/v1/users/:id", kAdmin},
    {verb::post, "/api/v1/users/:id/revoke-tokens", kAdmin},

    // Development and test hooks (only registered when enabled).
    {verb::post, "/api/v1/_dev/reset", kAdmin},
    {verb::post, "/api/v1/_test/clock", kAdmin},
    {verb::post, "/api/v1/_test/scheduler/run", kAdmin},
    {verb::get, "/api/v1/_test/access-policy", kAdmin},
    {verb::get, "/api/v1/_test/routes", kAdmin},
};

}  // namespace

const std::vector<AccessRule>& access_rules() { return kRules; }

std::vector<std::string> apply_access_policy(Router& router) {
  std::vector<std::string> unlisted;
  for (auto& route : router.routes()) {
    const AccessRule* rule = nullptr;
    for (const auto& r : kRules) {
      if (r.method == route.method && r.pattern == route.pattern) {
        rule = &r;
        break;
      }
    }
    route.role = rule ? rule->role : Role::kAdmin;
    if (!rule) unlisted.push_back(std::string(bhttp::to_string(route.method)) + " " + route.pattern);
  }
  return unlisted;
}

}  // namespace admit
