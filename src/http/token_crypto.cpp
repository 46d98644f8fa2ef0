#include "http/token_crypto.hpp"

#include <sodium.h>

#include <array>

namespace admit {

std::string new_secret_token(RandomSource& random) {
  std::array<std::uint64_t, 4> words{};
  for (auto& w : words)
    w = random.next_u64();
  const auto* bytes = reinterpret_cast<const unsigned char*>(words.data());
  constexpr std::size_t kBytes = sizeof(words);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(kBytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, kBytes, kVariant);
  out.resize(out.find('\0'));
  sodium_memzero(words.data(), kBytes);
  return out;
}

std::string token_hash(std::string_view token) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace admit
