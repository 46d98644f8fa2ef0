#include "api/auth_context.hpp"

#include <fmt/format.h>

#include "http/token_crypto.hpp"

namespace admit {

IssuedToken issue_token(const AuthContext& auth, const User& user, TimePoint now) {
  IssuedToken out;
  out.token = new_secret_token(auth.random);
  auto& s = out.stored;
  s.token_hash = token_hash(out.token);
  s.user_id = user.id;
  s.kind = "session";
  s.csrf_token = new_secret_token(auth.random);
  s.created_at = now;
  s.expires_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(auth.token_lifetime);
  out.active =
      ActiveToken{s.token_hash, user.id, user.username, static_cast<int>(user.role), s.csrf_token, s.expires_at};
  return out;
}

Json user_summary_json(const User& user) {
  return {{"id", user.id}, {"username", user.username}, {"role", to_string(user.role)}};
}

Json user_json(const User& user) {
  Json out = user_summary_json(user);
  out["disabled"] = user.disabled;
  out["createdAt"] = format_iso8601(user.created_at);
  out["updatedAt"] = format_iso8601(user.updated_at);
  return out;
}

std::string session_cookie(const std::string& token, std::chrono::seconds max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie, token,
                     token.empty() ? 0 : max_age.count(), secure ? "; Secure" : "");
}

}  // namespace admit
