#include "app/demo_event.hpp"

#include <array>

namespace admit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

struct DemoSession {
  const char* name;
  const char* location;
  int day;
  minutes start;  // from the first session's start
  minutes length;
  int capacity;
  bool invite_only;
};

constexpr std::array kSessions{
    DemoSession{"Opening Keynote: The Next Ten Years", "Main Hall", 1, minutes{0}, minutes{60}, 0, false},
    DemoSession{"Workshop: Hands-on Accessibility Testing", "Room 101", 1, minutes{90}, minutes{90}, 20, true},
    DemoSession{"Panel: Sustaining Open Source", "Main Hall", 1, minutes{240}, minutes{60}, 300, false},
    DemoSession{"Lightning Talks", "Room 102", 1, minutes{330}, minutes{60}, 80, false},
    DemoSession{"Day 2 Keynote: Building for Everyone", "Main Hall", 2, hours{24}, minutes{60}, 0, false},
    DemoSession{"Workshop: Data Visualisation", "Room 101", 2, hours{24} + minutes{90}, minutes{90}, 15, true},
    DemoSession{"Community Meetup", "Foyer", 2, hours{24} + minutes{240}, minutes{120}, 120, false},
    DemoSession{"Closing Session and Awards", "Main Hall", 2, hours{24} + minutes{390}, minutes{60}, 0, false},
};

constexpr std::array kGiven{"Amara", "Bruno", "Chen", "Dalia",  "Emeka", "Farah",  "Goran", "Hana",  "Ivan",
                            "Jun",   "Kofi",  "Lena", "Mateo",  "Nadia", "Omar",   "Priya", "Quinn", "Rosa",
                            "Sven",  "Tariq", "Uma",  "Viktor", "Wen",   "Ximena", "Yusuf"};
constexpr std::array kFamily{"Okafor", "Silva",  "Nakamura", "Haddad",  "Kowalski", "Mensah", "Ferreira", "Larsen",
                             "Novak",  "Rahman", "Moreau",   "Ibrahim", "Petrov",   "Santos", "Yamamoto", "Costa"};
constexpr std::array kOrganizations{"ACME Research",       "Northwind Labs", "University of Lisbon",
                                    "Open Data Institute", "Helix Health",   "Tech for Good"};

}  // namespace

bool store_is_empty(UnitOfWork& uow) {
  PageRequest one;
  one.limit = 1;
  return uow.sessions().list({}, one).total == 0 && uow.participants().list({}, one).total == 0;
}

DemoSummary seed_demo_event(UnitOfWork& uow, SessionService& sessions, ParticipantService& participants,
                            RegistrationService& registrations, TimePoint now) {
  DemoSummary summary;
  // The keynote started at the top of the hour, so there is an open session to scan into now.
  TimePoint base = std::chrono::floor<hours>(now);
  std::vector<Session> created_sessions;
  for (const auto& d : kSessions) {
    SessionFields f;
    f.name = d.name;
    f.location = d.location;
    f.description = std::string("Demo session on day ") + std::to_string(d.day);
    f.start_time = base + d.start;
    f.end_time = base + d.start + d.length;
    f.capacity = d.capacity;
    f.requires_registration = d.invite_only;
    f.day = d.day;
    f.is_open = &d == &kSessions.front();
    auto s = sessions.create(uow, f, now);
    if (s) created_sessions.push_back(std::move(s).value());
  }
  summary.sessions = static_cast<int>(created_sessions.size());

  std::vector<Participant> people;
  for (int i = 0; i < 50; ++i) {
    std::string given = kGiven[static_cast<std::size_t>(i) % kGiven.size()];
    std::string family = kFamily[static_cast<std::size_t>(i * 7) % kFamily.size()];
    ParticipantFields f;
    f.name = given + " " + family;
    f.email = given + "." + family + std::to_string(i) + "@example.org";
    f.organization = kOrganizations[static_cast<std::size_t>(i) % kOrganizations.size()];
    if (i % 10 == 0) f.status = ParticipantStatus::kAmbassador;
    auto p = participants.create(uow, f, now);
    if (p) people.push_back(std::move(p).value());
  }
  summary.participants = static_cast<int>(people.size());

  // Workshops: the first 12 people confirmed, the next 4 pending. Day-1 keynote: half confirmed.
  auto register_range = [&](const Session& s, int from, int to, RegistrationStatus status) {
    for (int i = from; i < to && i < static_cast<int>(people.size()); ++i) {
      auto r = registrations.create(uow, {people[static_cast<std::size_t>(i)].id, s.id, status, std::nullopt}, now);
      if (r) ++summary.registrations;
    }
  };
  if (created_sessions.size() == kSessions.size()) {
    register_range(created_sessions[1], 0, 12, RegistrationStatus::kConfirmed);
    register_range(created_sessions[1], 12, 16, RegistrationStatus::kPending);
    register_range(created_sessions[5], 20, 32, RegistrationStatus::kConfirmed);
    register_range(created_sessions[0], 0, 25, RegistrationStatus::kConfirmed);
  }
  return summary;
}

}  // namespace admit
