#pragma once

#include <string>
#include <string_view>

#include "domain/random_source.hpp"

namespace admit {

// A new secret: 32 random bytes in unpadded base64url (43 characters).
std::string new_secret_token(RandomSource& random);
// What is stored and indexed instead of a token: hex BLAKE2b-256. Tokens carry 256 random bits, so a
// fast hash is enough (no dictionary to attack), and looking a hash up leaks nothing usable about
// the token itself.
std::string token_hash(std::string_view token);
// Compares two secrets in time independent of where they differ (lengths may leak, contents not).
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace admit
