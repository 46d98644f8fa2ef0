#include "http/setup_token.hpp"

#include "http/token_crypto.hpp"

namespace admit {

void SetupToken::set(std::string token) {
  std::lock_guard lock(mutex_);
  token_ = std::move(token);
}

bool SetupToken::pending() const {
  std::lock_guard lock(mutex_);
  return token_.has_value();
}

bool SetupToken::consume(std::string_view candidate) {
  std::lock_guard lock(mutex_);
  if (!token_ || !secrets_equal(*token_, candidate)) return false;
  token_.reset();
  return true;
}

void SetupToken::restore(std::string token) { set(std::move(token)); }

}  // namespace admit
