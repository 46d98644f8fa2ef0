#include "api/users_api.hpp"

#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

const Schema kCreateSchema = {
    {.name = "username", .kind = FieldKind::kString, .required = true, .not_empty = true},
    {.name = "password", .kind = FieldKind::kString, .required = true, .not_empty = true},
    {.name = "role", .kind = FieldKind::kEnum, .required = true, .choices = {"viewer", "staff", "admin"}},
};

const Schema kUpdateSchema = {
    {.name = "role", .kind = FieldKind::kEnum, .choices = {"viewer", "staff", "admin"}},
    {.name = "password", .kind = FieldKind::kString, .not_empty = true},
    {.name = "disabled", .kind = FieldKind::kBool},
};

Error user_not_found(const std::string& id) { return Error::not_found("User with ID " + id + " not found"); }

// An enabled admin who would stop being one: refused when no other enabled admin is left, so
// that nobody can lock everyone out of the accounts.
bool loses_last_admin(UnitOfWork& uow, const User& before, bool still_admin) {
  return before.role == Role::kAdmin && !before.disabled && !still_admin && uow.users().count_active_admins() <= 1;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/users", SchemaUse::Part::kBody, &kCreateSchema},
    {bhttp::verb::patch, "/api/v1/users/:id", SchemaUse::Part::kBody, &kUpdateSchema},
};

}  // namespace

void UsersApi::register_routes(Router& router) {
  const std::string base = "/api/v1/users";
  router.add(bhttp::verb::get, base, bind_handler(this, &UsersApi::list));
  router.add(bhttp::verb::post, base, bind_handler(this, &UsersApi::create));
  router.add(bhttp::verb::patch, base + "/:id", bind_handler(this, &UsersApi::update));
  router.add(bhttp::verb::delete_, base + "/:id", bind_handler(this, &UsersApi::remove));
  router.add(bhttp::verb::post, base + "/:id/revoke-tokens", bind_handler(this, &UsersApi::revoke_tokens));
}

Task<HttpResponse> UsersApi::list(RequestContext& ctx) {
  auto users = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.users().list(); });
  Json data = Json::array();
  for (const auto& u : users)
    data.push_back(user_json(u));
  co_return success(ctx, bhttp::status::ok, "Success", std::move(data));
}

Task<HttpResponse> UsersApi::create(RequestContext& ctx) {
  auto body = validate(ctx.body, kCreateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto username = *get_string(*body, "username");
  auto password = *get_string(*body, "password");
  auto role = *parse_account_role(*get_string(*body, "role"));
  std::vector<FieldError> problems;
  if (auto why = check_username(username); !why.empty()) problems.push_back({"username", why});
  if (auto why = check_password(password); !why.empty()) problems.push_back({"password", why});
  if (!problems.empty()) co_return error_response(Error::validation(std::move(problems)), ctx);

  auto hash_password = [this, &password] { return auth_.hasher.hash(password); };
  auto hash = co_await offload(api_.workers, std::move(hash_password));
  auto now = ctx.received;
  User user{auth_.ids.next(), username, std::move(hash), role, false, now, now};
  auto created = co_await db_write(api_.db, [&user](UnitOfWork& uow) -> Result<User> {
    if (uow.users().find_by_username(user.username)) {
      return Error::conflict("User \"" + user.username + "\" already exists", "username");
    }
    uow.users().insert(user);
    return user;
  });
  co_return respond(ctx, created, bhttp::status::created, "User created", user_json);
}

Task<HttpResponse> UsersApi::update(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kUpdateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto role_text = get_string(*body, "role");
  auto password = get_string(*body, "password");
  auto disabled = get_bool(*body, "disabled");
  if (password) {
    if (auto why = check_password(*password); !why.empty()) {
      co_return error_response(Error::validation({{"password", why}}), ctx);
    }
  }
  std::optional<std::string> hash;
  if (password) {
    auto hash_password = [this, &password] { return auth_.hasher.hash(*password); };
    hash = co_await offload(api_.workers, std::move(hash_password));
  }
  auto now = ctx.received;
  std::optional<Role> role = role_text ? parse_account_role(*role_text) : std::nullopt;
  bool revoke = false;
  auto updated = co_await db_write(api_.db, [&](UnitOfWork& uow) -> Result<User> {
    auto user = uow.users().find(id);
    if (!user) return user_not_found(id);
    User after = *user;
    if (role) after.role = *role;
    if (disabled) after.disabled = *disabled;
    if (hash) after.password_hash = *hash;
    if (loses_last_admin(uow, *user, after.role == Role::kAdmin && !after.disabled)) {
      return Error::rule(role && *role != Role::kAdmin ? "role" : "disabled",
                         "The last enabled admin cannot be demoted or disabled");
    }
    after.updated_at = now;
    uow.users().update(after);
    revoke = hash.has_value() || after.disabled;
    if (revoke) uow.tokens().revoke_for_user(id, now);
    return after;
  });
  if (updated) {
    if (revoke) {
      auth_.index.remove_user(id);
    } else {
      auth_.index.set_role(id, updated->role);
    }
  }
  co_return respond(ctx, updated, bhttp::status::ok, "User updated", user_json);
}

Task<HttpResponse> UsersApi::remove(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto removed = co_await db_write(api_.db, [&id](UnitOfWork& uow) -> Result<User> {
    auto user = uow.users().find(id);
    if (!user) return user_not_found(id);
    if (loses_last_admin(uow, *user, false)) return Error::rule("id", "The last enabled admin cannot be removed");
    uow.users().remove(id);
    return *user;
  });
  if (removed) auth_.index.remove_user(id);
  co_return respond(ctx, removed, bhttp::status::ok, "User deleted", user_json);
}

Task<HttpResponse> UsersApi::revoke_tokens(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto revoked = co_await db_write(api_.db, [&id, now](UnitOfWork& uow) -> Result<std::int64_t> {
    if (!uow.users().find(id)) return user_not_found(id);
    return uow.tokens().revoke_for_user(id, now);
  });
  if (revoked) auth_.index.remove_user(id);
  co_return respond(ctx, revoked, bhttp::status::ok, "Tokens revoked", [](std::int64_t n) {
    return Json{{"revoked", n}};
  });
}

}  // namespace admit
