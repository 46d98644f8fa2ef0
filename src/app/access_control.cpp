#include "app/access_control.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "api/access_policy.hpp"
#include "app/storage_now.hpp"
#include "http/envelope.hpp"
#include "http/token_crypto.hpp"
#include "realtime/socketio/sio_namespace.hpp"

namespace admit {
namespace {

std::string url_host(const std::string& host) {
  if (host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "[::1]";
  if (host.find(':') != std::string::npos) return "[" + host + "]";
  return host;
}

}  // namespace

AccessControl::AccessControl(const Config& config, ApiContext& api, ObjectIdGenerator& ids, RandomSource& random)
    : config_(config),
      api_(api),
      // Test servers hash at the library's minimum cost so that suites creating accounts stay fast.
      hasher_(config.test_hooks ? PasswordHasher::minimal() : PasswordHasher::interactive()),
      throttle_(api.clock),
      authenticator_(AuthOptions{config.auth, config.admin_token}, index_, api.clock),
      auth_{index_, hasher_, throttle_, setup_, authenticator_, ids, random, config.cookie_secure},
      auth_api_(api, auth_),
      users_api_(api, auth_) {
  auto now = api.clock.now();
  auto active = storage_now(api.db, false, [now](UnitOfWork& uow) { return uow.tokens().active(now); });
  index_.begin_reload();
  index_.finish_reload(active);
}

void AccessControl::register_routes(Router& router) {
  auth_api_.register_routes(router);
  users_api_.register_routes(router);
  if (config_.test_hooks) {
    router.add(bhttp::verb::get, "/api/v1/_test/access-policy", bind_handler(this, &AccessControl::list_policy));
  }
}

void AccessControl::apply_policy(Router& router) {
  router_ = &router;
  for (const auto& route : apply_access_policy(router)) {
    spdlog::warn("access policy: no entry for {}; admins only until one is added", route);
  }
}

void AccessControl::guard(SioNamespace& nsp) const {
  const Authenticator* authenticator = &authenticator_;
  nsp.guard_connections([authenticator](const Json& auth, std::string_view cookie_header) {
    return authenticator->admit_socket(auth, cookie_header);
  });
}

void AccessControl::start(asio::io_context& io, const std::string& host, std::uint16_t port) {
  if (!config_.auth) {
    spdlog::warn(
        "ACCESS CONTROL IS OFF (--auth off / ADMIT_AUTH=off): every route, including deleting all data, is open to "
        "anyone who can reach {}:{}. Use this only on a trusted network.",
        host, port);
    return;
  }
  auto users = storage_now(api_.db, false, [](UnitOfWork& uow) { return uow.users().count(); });
  if (users == 0) {
    auto token = new_secret_token(auth_.random);
    setup_.set(token);
    spdlog::warn(
        "no account exists yet: open http://{}:{}/setup?token={} to create the first admin (the link works once)",
        url_host(host), port, token);
  }
  spdlog::info("access control on: {} active tokens{}", index_.size(),
               config_.admin_token.empty() ? "" : ", ADMIT_ADMIN_TOKEN accepted");
  sync_ = std::make_unique<TokenSync>(io, api_.db, api_.clock, index_);
  sync_->start();
}

void AccessControl::stop() {
  if (sync_) sync_->stop();
}

Task<HttpResponse> AccessControl::list_policy(RequestContext& ctx) {
  std::set<std::pair<bhttp::verb, std::string_view>> listed;
  for (const auto& rule : access_rules())
    listed.emplace(rule.method, rule.pattern);
  Json routes = Json::array();
  if (router_ != nullptr) {
    for (const auto& route : router_->routes()) {
      routes.push_back(Json{{"method", std::string(bhttp::to_string(route.method))},
                            {"path", route.pattern},
                            {"role", to_string(route.role)},
                            {"listed", listed.count({route.method, route.pattern}) > 0}});
    }
  }
  co_return success(ctx, bhttp::status::ok, "Success", std::move(routes));
}

}  // namespace admit
