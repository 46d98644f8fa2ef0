#pragma once

#include <string>

#include "app/config.hpp"

namespace admit {

// `admit user add|list|remove|passwd`: accounts, edited in the data directory directly (SQLite
// WAL lets a running server go on meanwhile; it drops revoked tokens within seconds).
struct UserCommand {
  std::string name;
  std::string role;
  bool password_stdin = false;
};

int run_user_add(const Config& config, const UserCommand& command);
int run_user_list(const Config& config);
int run_user_remove(const Config& config, const UserCommand& command);
int run_user_passwd(const Config& config, const UserCommand& command);

}  // namespace admit
