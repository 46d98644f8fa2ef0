#include "app/user_command.hpp"

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/sodium_random.hpp"
#include "app/storage_now.hpp"
#include "app/system_clock.hpp"
#include "domain/object_id.hpp"
#include "domain/user.hpp"
#include "http/password_hasher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/storage_error.hpp"

namespace admit {
namespace {

std::string strip_newline(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  return line;
}

// Reads a line from the terminal without echoing it.
std::optional<std::string> prompt_hidden(const char* prompt) {
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  termios saved{};
  bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool ok = static_cast<bool>(std::getline(std::cin, line));
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fputs("\n", stderr);
  if (!ok) return std::nullopt;
  return strip_newline(line);
}

// --password-stdin, else ADMIT_PASSWORD, else a prompt (twice) on a terminal.
std::optional<std::string> read_password(const UserCommand& command) {
  if (command.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      spdlog::error("--password-stdin: nothing to read on standard input");
      return std::nullopt;
    }
    return strip_newline(line);
  }
  if (const char* env = std::getenv("ADMIT_PASSWORD")) return std::string(env);
  if (!isatty(STDIN_FILENO)) {
    spdlog::error("no password given: use --password-stdin, ADMIT_PASSWORD or run on a terminal");
    return std::nullopt;
  }
  auto first = prompt_hidden("Password: ");
  auto second = first ? prompt_hidden("Repeat password: ") : std::nullopt;
  if (!first || !second) return std::nullopt;
  if (*first != *second) {
    spdlog::error("the passwords do not match");
    return std::nullopt;
  }
  return first;
}

std::optional<std::string> checked_password(const UserCommand& command) {
  auto password = read_password(command);
  if (!password) return std::nullopt;
  if (auto why = check_password(*password); !why.empty()) {
    spdlog::error("{}", why);
    return std::nullopt;
  }
  return password;
}

// The store, opened (and migrated) for one command.
struct Store {
  explicit Store(const Config& config)
      : ids(clock, random), db(SqliteOptions{config.database_file(), 1, 64, nullptr}) {}
  ~Store() { db.shutdown(); }
  SystemClock clock;
  SodiumRandom random;
  ObjectIdGenerator ids;
  SqliteDatabase db;
};

template <class Body>
int with_store(const Config& config, Body body) {
  if (!prepare_data_dir(config)) return kExitData;
  try {
    Store store(config);
    return body(store);
  } catch (const StorageError& e) {
    spdlog::critical("cannot use data file {}: {}", config.database_file().string(), e.what());
    return kExitData;
  }
}

}  // namespace

int run_user_add(const Config& config, const UserCommand& command) {
  if (auto why = check_username(command.name); !why.empty()) {
    spdlog::error("{}", why);
    return kExitConfig;
  }
  auto role = parse_account_role(command.role);
  if (!role) {
    spdlog::error("--role must be viewer, staff or admin");
    return kExitConfig;
  }
  auto password = checked_password(command);
  if (!password) return kExitConfig;
  return with_store(config, [&](Store& store) {
    PasswordHasher hasher(PasswordHasher::interactive());
    auto now = store.clock.now();
    User user{store.ids.next(), command.name, hasher.hash(*password), *role, false, now, now};
    bool created = storage_now(store.db, true, [&user](UnitOfWork& uow) {
      if (uow.users().find_by_username(user.username)) return false;
      uow.users().insert(user);
      return true;
    });
    if (!created) {
      spdlog::error("user \"{}\" already exists (change its password with `admit user passwd {}`)", command.name,
                    command.name);
      return kExitFailure;
    }
    spdlog::info("user \"{}\" ({}) created", user.username, to_string(user.role));
    return kExitOk;
  });
}

int run_user_list(const Config& config) {
  return with_store(config, [](Store& store) {
    auto users = storage_now(store.db, false, [](UnitOfWork& uow) { return uow.users().list(); });
    std::cout << fmt::format("{:<32} {:<7} {:<9} {}\n", "USERNAME", "ROLE", "STATUS", "CREATED");
    for (const auto& u : users) {
      std::cout << fmt::format("{:<32} {:<7} {:<9} {}\n", u.username, to_string(u.role),
                               u.disabled ? "disabled" : "active", format_iso8601(u.created_at));
    }
    std::cout.flush();
    return kExitOk;
  });
}

int run_user_remove(const Config& config, const UserCommand& command) {
  return with_store(config, [&](Store& store) {
    enum class Outcome { kRemoved, kMissing, kLastAdmin };
    auto outcome = storage_now(store.db, true, [&command](UnitOfWork& uow) {
      auto user = uow.users().find_by_username(command.name);
      if (!user) return Outcome::kMissing;
      if (user->role == Role::kAdmin && !user->disabled && uow.users().count_active_admins() <= 1) {
        return Outcome::kLastAdmin;
      }
      uow.users().remove(user->id);
      return Outcome::kRemoved;
    });
    switch (outcome) {
      case Outcome::kMissing:
        spdlog::error("no user \"{}\"", command.name);
        return kExitFailure;
      case Outcome::kLastAdmin:
        spdlog::error("\"{}\" is the last enabled admin; add another admin first (admit user add NAME --role admin)",
                      command.name);
        return kExitFailure;
      case Outcome::kRemoved:
        break;
    }
    spdlog::info("user \"{}\" removed; its tokens are revoked", command.name);
    return kExitOk;
  });
}

int run_user_passwd(const Config& config, const UserCommand& command) {
  auto password = checked_password(command);
  if (!password) return kExitConfig;
  return with_store(config, [&](Store& store) {
    PasswordHasher hasher(PasswordHasher::interactive());
    auto hash = hasher.hash(*password);
    auto now = store.clock.now();
    auto revoked = storage_now(store.db, true, [&](UnitOfWork& uow) -> std::optional<std::int64_t> {
      auto user = uow.users().find_by_username(command.name);
      if (!user) return std::nullopt;
      user->password_hash = hash;
      user->updated_at = now;
      uow.users().update(*user);
      return uow.tokens().revoke_for_user(user->id, now);
    });
    if (!revoked) {
      spdlog::error("no user \"{}\"", command.name);
      return kExitFailure;
    }
    spdlog::info("password of \"{}\" changed; {} token(s) revoked", command.name, *revoked);
    return kExitOk;
  });
}

}  // namespace admit
