#include "http/router.hpp"

namespace admit {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  // A trailing slash addresses the same resource, as in Express.
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

void Router::add(bhttp::verb method, std::string pattern, Handler handler, std::size_t body_limit) {
  Route route{method, pattern, std::move(handler), body_limit, {}};
  for (auto segment : split_path(pattern))
    route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

std::optional<RouteMatch> Router::match(bhttp::verb method, std::string_view path) const {
  auto segments = split_path(path);
  // HEAD is answered by the GET route (without the body), as Express does.
  auto serves = [method](const Route& route) {
    return route.method == method || (method == bhttp::verb::head && route.method == bhttp::verb::get);
  };
  for (const auto& route : routes_) {
    if (!serves(route) || route.segments.size() != segments.size()) continue;
    RouteMatch m{&route, {}};
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& expected = route.segments[i];
      if (!expected.empty() && expected.front() == ':') {
        ok = !segments[i].empty();
        m.params.emplace_back(segments[i]);
      } else {
        ok = expected == segments[i];
      }
    }
    if (ok) return m;
  }
  return std::nullopt;
}

std::size_t Router::body_limit(bhttp::verb method, std::string_view path) const {
  auto m = match(method, path);
  return m ? m->route->body_limit : kJsonBodyLimit;
}

}  // namespace admit
