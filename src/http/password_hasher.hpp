#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace admit {

// argon2id (libsodium's crypto_pwhash_str): the parameters are stored in each hash, so a hash
// made at one cost verifies at any other. Slow on purpose: call it from the worker pool, never
// from an I/O thread.
class PasswordHasher {
 public:
  struct Cost {
    unsigned long long ops;
    std::size_t memory;
  };
  // libsodium's "interactive" level (2 passes, 64 MiB): about 0.1 s per hash on a small server.
  static Cost interactive();
  // The smallest the library allows; for the test hooks only.
  static Cost minimal();

  explicit PasswordHasher(Cost cost);

  std::string hash(std::string_view password) const;
  bool verify(const std::string& hash, std::string_view password) const;
  // Spends what a verify costs, for an unknown username: the answer time does not tell whether
  // the account exists.
  void verify_nothing(std::string_view password) const;

 private:
  Cost cost_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;
};

}  // namespace admit
