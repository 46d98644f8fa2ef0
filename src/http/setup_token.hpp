#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace admit {

// The one-time token of the first-start setup link: set when the server starts without any
// account, consumed by the first successful POST /api/v1/auth/setup. Thread-safe.
class SetupToken {
 public:
  void set(std::string token);
  bool pending() const;
  // True (and the token is gone) when `candidate` is the token.
  bool consume(std::string_view candidate);
  // Puts a consumed token back (the account could not be created after all).
  void restore(std::string token);

 private:
  mutable std::mutex mutex_;
  std::optional<std::string> token_;
};

}  // namespace admit
