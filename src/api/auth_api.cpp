#include "api/auth_api.hpp"

#include <spdlog/spdlog.h>

#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

const Schema kLoginSchema = {
    {.name = "username", .kind = FieldKind::kString, .required = true, .not_empty = true, .max_length = 64},
    {.name = "password", .kind = FieldKind::kString, .required = true, .not_empty = true, .max_length = 1024},
};

const Schema kSetupSchema = {
    {.name = "token", .kind = FieldKind::kString, .required = true, .not_empty = true, .max_length = 256},
    {.name = "username", .kind = FieldKind::kString, .required = true, .not_empty = true},
    {.name = "password", .kind = FieldKind::kString, .required = true, .not_empty = true},
};

const char* const kBadCredentialsMessage = "Invalid username or password";

// What a sign-in attempt found, decided off the I/O thread.
enum class Verdict { kOk, kBadCredentials, kDisabled };

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/auth/setup", SchemaUse::Part::kBody, &kSetupSchema},
    {bhttp::verb::post, "/api/v1/auth/login", SchemaUse::Part::kBody, &kLoginSchema},
};

}  // namespace

void AuthApi::register_routes(Router& router) {
  const std::string base = "/api/v1/auth";
  router.add(bhttp::verb::get, base + "/status", bind_handler(this, &AuthApi::status));
  router.add(bhttp::verb::post, base + "/setup", bind_handler(this, &AuthApi::setup));
  router.add(bhttp::verb::post, base + "/login", bind_handler(this, &AuthApi::login));
  router.add(bhttp::verb::post, base + "/logout", bind_handler(this, &AuthApi::logout));
  router.add(bhttp::verb::get, base + "/me", bind_handler(this, &AuthApi::me));
}

HttpResponse AuthApi::signed_in(const RequestContext& ctx, const User& user, const IssuedToken& issued,
                                std::string_view message) const {
  Json data = {{"token", issued.token},
               {"tokenType", "Bearer"},
               {"expiresAt", format_iso8601(issued.stored.expires_at)},
               {"csrfToken", issued.stored.csrf_token},
               {"user", user_summary_json(user)}};
  auto response = success(ctx, bhttp::status::ok, message, std::move(data));
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(auth_.token_lifetime);
  response.set(bhttp::field::set_cookie, session_cookie(issued.token, lifetime, auth_.cookie_secure));
  return response;
}

HttpResponse AuthApi::too_many(const RequestContext& ctx, std::chrono::seconds retry_after) const {
  auto response = error_response(
      Error{ErrorKind::kTooManyRequests,
            "Too many failed sign-in attempts; try again in " + std::to_string(retry_after.count()) + " seconds",
            {}},
      ctx);
  response.set(bhttp::field::retry_after, std::to_string(retry_after.count()));
  return response;
}

Task<HttpResponse> AuthApi::status(RequestContext& ctx) {
  bool enabled = auth_.authenticator.enabled();
  auto users = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.users().count(); });
  co_return success(ctx, bhttp::status::ok, "Success",
                    Json{{"authEnabled", enabled}, {"setupRequired", enabled && users == 0}});
}

Task<HttpResponse> AuthApi::setup(RequestContext& ctx) {
  auto body = validate(ctx.body, kSetupSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto token = *get_string(*body, "token");
  auto username = *get_string(*body, "username");
  auto password = *get_string(*body, "password");
  std::vector<FieldError> problems;
  if (auto why = check_username(username); !why.empty()) problems.push_back({"username", why});
  if (auto why = check_password(password); !why.empty()) problems.push_back({"password", why});
  if (!problems.empty()) co_return error_response(Error::validation(std::move(problems)), ctx);
  if (auto wait = auth_.throttle.retry_after(ctx.client, {})) co_return too_many(ctx, *wait);
  if (!auth_.setup.consume(token)) {
    auth_.throttle.failed(ctx.client, {});
    bool done = !auth_.setup.pending();
    co_return error_response(Error{ErrorKind::kForbidden,
                                   done ? "Setup is not available: an account exists or the setup link was already used"
                                        : "Invalid setup token",
                                   {}},
                             ctx);
  }
  auto hash_password = [this, &password] { return auth_.hasher.hash(password); };
  std::string hash;
  try {
    hash = co_await offload(api_.workers, std::move(hash_password));
  } catch (...) {
    auth_.setup.restore(token);
    throw;
  }
  auto now = ctx.received;
  User user{auth_.ids.next(), username, std::move(hash), Role::kAdmin, false, now, now};
  auto issued = issue_token(auth_, user, now);
  Result<Done> created = Done{};
  try {
    created = co_await db_write(api_.db, [&](UnitOfWork& uow) -> Result<Done> {
      if (uow.users().count() > 0) return Error::conflict("An account already exists; setup is complete");
      uow.users().insert(user);
      uow.tokens().insert(issued.stored);
      return Done{};
    });
  } catch (...) {
    auth_.setup.restore(token);
    throw;
  }
  if (!created) co_return error_response(created.error(), ctx);
  auth_.index.add(issued.active);
  spdlog::warn("setup: first admin account \"{}\" created; the setup link is no longer valid", user.username);
  co_return signed_in(ctx, user, issued, "Setup complete");
}

Task<HttpResponse> AuthApi::login(RequestContext& ctx) {
  if (!auth_.authenticator.enabled()) {
    co_return error_response(
        Error{ErrorKind::kBadRequest, "Access control is off (--auth off): no sign-in is needed", {}}, ctx);
  }
  auto body = validate(ctx.body, kLoginSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto username = *get_string(*body, "username");
  auto password = *get_string(*body, "password");
  if (auto wait = auth_.throttle.retry_after(ctx.client, username)) co_return too_many(ctx, *wait);

  auto user = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.users().find_by_username(username); });
  // The same work whether or not the account exists, so that timing does not reveal it.
  auto check = [this, &user, &password] {
    if (!user) {
      auth_.hasher.verify_nothing(password);
      return Verdict::kBadCredentials;
    }
    if (!auth_.hasher.verify(user->password_hash, password)) return Verdict::kBadCredentials;
    return user->disabled ? Verdict::kDisabled : Verdict::kOk;
  };
  auto verdict = co_await offload(api_.workers, std::move(check));
  if (verdict != Verdict::kOk) {
    auth_.throttle.failed(ctx.client, username);
    co_return error_response(Error{ErrorKind::kUnauthorized,
                                   verdict == Verdict::kDisabled ? "Account is disabled" : kBadCredentialsMessage,
                                   {}},
                             ctx);
  }
  auth_.throttle.succeeded(username);
  auto issued = issue_token(auth_, *user, ctx.received);
  co_await db_write(api_.db, [&issued](UnitOfWork& uow) {
    uow.tokens().insert(issued.stored);
    return true;
  });
  auth_.index.add(issued.active);
  co_return signed_in(ctx, *user, issued, "Signed in");
}

Task<HttpResponse> AuthApi::logout(RequestContext& ctx) {
  const auto& who = ctx.principal;
  if (!who.token_hash.empty()) {
    auto hash = who.token_hash;
    auto now = ctx.received;
    co_await db_write(api_.db, [&hash, now](UnitOfWork& uow) { return uow.tokens().revoke(hash, now); });
    auth_.index.remove(hash);
  }
  auto response = success(ctx, bhttp::status::ok, "Signed out", Json::object());
  response.set(bhttp::field::set_cookie, session_cookie({}, std::chrono::seconds(0), auth_.cookie_secure));
  co_return response;
}

Task<HttpResponse> AuthApi::me(RequestContext& ctx) {
  const auto& who = ctx.principal;
  Json user = {{"id", who.user_id}, {"username", who.username}, {"role", to_string(who.role)}};
  Json data = {{"user", std::move(user)},
               {"csrfToken", who.csrf_token.empty() ? Json(nullptr) : Json(who.csrf_token)},
               {"authEnabled", auth_.authenticator.enabled()}};
  co_return success(ctx, bhttp::status::ok, "Success", std::move(data));
}

}  // namespace admit
