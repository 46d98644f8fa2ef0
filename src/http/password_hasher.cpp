#include "http/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

namespace admit {

PasswordHasher::Cost PasswordHasher::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Cost PasswordHasher::minimal() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

PasswordHasher::PasswordHasher(Cost cost) : cost_(cost) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string PasswordHasher::hash(std::string_view password) const {
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), cost_.ops, cost_.memory) != 0) {
    throw std::runtime_error("password hashing failed (out of memory)");
  }
  out.resize(out.find('\0'));
  return out;
}

bool PasswordHasher::verify(const std::string& hash, std::string_view password) const {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
  std::call_once(dummy_once_, [this] { dummy_hash_ = hash("admit: no such account"); });
  (void)verify(dummy_hash_, password);
}

}  // namespace admit
