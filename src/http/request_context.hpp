#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"
#include "http/asio.hpp"
#include "http/json.hpp"
#include "http/principal.hpp"

namespace admit {

struct Route;

// Everything a handler knows about the request it serves.
struct RequestContext {
  const HttpRequest& request;
  std::string method;               // "GET"
  std::string url;                  // the raw target, query string included (the envelope's "path")
  std::string path;                 // the target without its query string
  std::vector<std::string> params;  // decoded ":name" path segments, in order
  Json query = Json::object();
  Json body = Json::object();
  std::string request_id;
  std::string client;
  TimePoint received;
  const Route* route = nullptr;  // the matched route (null: no route matched)
  Principal principal;           // who sends it (set by the pipeline's access check)

  const std::string& param(std::size_t index) const { return params.at(index); }
};

}  // namespace admit
