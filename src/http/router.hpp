#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/role.hpp"
#include "http/asio.hpp"
#include "http/request_context.hpp"

namespace admit {

using Handler = std::function<Task<HttpResponse>(RequestContext&)>;

// A handler that calls a member function of `self` (the resource classes in api/).
template <class T>
Handler bind_handler(T* self, Task<HttpResponse> (T::*fn)(RequestContext&)) {
  return [self, fn](RequestContext& ctx) { return (self->*fn)(ctx); };
}

inline constexpr std::size_t kJsonBodyLimit = std::size_t{100} * 1024;

struct Route {
  bhttp::verb method;
  std::string pattern;  // "/api/v1/sessions/:id"
  Handler handler;
  std::size_t body_limit = kJsonBodyLimit;
  std::vector<std::string> segments;  // the pattern split on '/'
  // The least role that may call it; the access policy (api/access_policy.cpp) sets it. Unlisted
  // routes stay admin-only: deny by default.
  Role role = Role::kAdmin;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::string> params;  // raw (still percent-encoded) values of the ":name" segments
};

// Maps method and path to a handler. Routes are tried in the order they were added, so a static
// path ("/participants/stats") is added before the parameterised one ("/participants/:id").
class Router {
 public:
  void add(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit = kJsonBodyLimit);

  std::optional<RouteMatch> match(bhttp::verb method, std::string_view path) const;
  // The largest body any route at this path accepts (used before the body is read).
  std::size_t body_limit(bhttp::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Before serving only (the access policy assigns roles once every route is added).
  std::vector<Route>& routes() { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace admit
