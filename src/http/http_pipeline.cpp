#include "http/http_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include <cstdint>

#include "domain/text.hpp"
#include "http/authenticator.hpp"
#include "http/envelope.hpp"
#include "http/query_string.hpp"

namespace admit {
namespace {

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view query_of(std::string_view target) {
  auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);
}

bool is_json(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto type = content_type.substr(0, semi);
  return type == "application/json" || (type.size() > 5 && type.substr(type.size() - 5) == "+json");
}

bool is_form(std::string_view content_type) {
  return content_type.substr(0, content_type.find(';')) == "application/x-www-form-urlencoded";
}

bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

// Parses the request body into ctx.body; returns an error for a body that is not valid JSON.
std::optional<Error> parse_body(const HttpRequest& req, RequestContext& ctx) {
  const std::string& raw = req.body();
  auto content_type = req[bhttp::field::content_type];
  if (is_json(content_type)) {
    if (raw.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
    try {
      ctx.body = Json::parse(raw);
    } catch (const Json::parse_error& e) {
      return Error{ErrorKind::kBadRequest, fmt::format("Malformed JSON body at byte {}", e.byte), {}};
    } catch (const Json::out_of_range&) {
      // nlohmann refuses a number beyond double's range ("1e999") with out_of_range, not parse_error.
      return Error{ErrorKind::kBadRequest, "Malformed JSON body: a number is out of range", {}};
    }
  } else if (is_form(content_type)) {
    ctx.body = parse_query_string(raw);
  }
  return std::nullopt;
}

}  // namespace

std::size_t HttpPipeline::body_limit(bhttp::verb method, std::string_view target) const {
  return router_.body_limit(method, path_of(target));
}

std::string HttpPipeline::request_id(const HttpRequest& request) {
  auto given = request["x-request-id"];
  if (sane_request_id(given)) return std::string(given);
  std::uint64_t a = random_.next_u64();
  std::uint64_t b = random_.next_u64();
  // RFC 4122 version 4.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0x0fff,
                     0x8000 | ((b >> 48) & 0x3fff), b & 0xffffffffffffULL);
}

void HttpPipeline::finish(HttpResponse& response, const std::string& request_id) const {
  response.set("X-Request-Id", request_id);
  guards_.security.apply(response);
  // Static web UI files carry their own caching policy.
  if (response.find(bhttp::field::cache_control) == response.end()) {
    response.set(bhttp::field::cache_control, "no-store");
  }
}

void HttpPipeline::observe(const RequestContext& ctx, const HttpResponse& response,
                           std::chrono::steady_clock::time_point started) const {
  if (observers_.empty()) return;
  auto elapsed = std::chrono::steady_clock::now() - started;
  for (auto* observer : observers_)
    observer->on_response(ctx, response, elapsed);
}

Principal HttpPipeline::identify(const HttpRequest& request) const {
  return authenticator_ != nullptr ? authenticator_->identify(request) : Authenticator::anonymous_admin();
}

std::optional<Error> HttpPipeline::access_check(const HttpRequest& request, const Route& route,
                                                const RequestContext& ctx) const {
  if (authenticator_ == nullptr) return std::nullopt;
  return authenticator_->authorize(ctx.principal, route.role, request);
}

std::optional<HttpResponse> HttpPipeline::rate_limit(const Route& route, const RequestContext& ctx,
                                                     std::vector<std::pair<std::string, std::string>>& headers) const {
  if (guards_.rate_limiter == nullptr) return std::nullopt;
  // A signed-in caller gets buckets of their own, so that volunteers behind one NAT do not share
  // one address's allowance. Only valid credentials count: invented tokens fall back to the address.
  std::string client = ctx.client;
  if (!ctx.principal.user_id.empty()) client += "|" + ctx.principal.user_id;
  auto decision = guards_.rate_limiter->check(route.method, route.pattern, client);
  headers = std::move(decision.headers);
  if (decision.allowed) return std::nullopt;
  return error_response(Error{ErrorKind::kTooManyRequests, "ThrottlerException: Too Many Requests", {}}, ctx);
}

HttpResponse HttpPipeline::refusal(ErrorKind kind, std::string message, const HttpRequest& request) {
  auto started = std::chrono::steady_clock::now();
  std::string target(request.target());
  auto response = error_response(Error{kind, std::move(message), {}}, request.method_string(), target, clock_.now(),
                                 request.version(), false);
  auto id = request_id(request);
  finish(response, id);
  // A browser page can then read why its upload was refused.
  if (guards_.cors != nullptr) guards_.cors->apply(request, response);
  if (!observers_.empty()) {
    RequestContext ctx{request};
    ctx.url = std::move(target);
    ctx.path = std::string(path_of(ctx.url));
    ctx.request_id = std::move(id);
    if (auto match = router_.match(request.method(), ctx.path)) ctx.route = match->route;
    observe(ctx, response, started);
  }
  return response;
}

Task<HttpResponse> HttpPipeline::handle(const HttpRequest& request, std::string client) {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx{request};
  ctx.method = std::string(request.method_string());
  ctx.url = std::string(request.target());
  ctx.path = std::string(path_of(ctx.url));
  ctx.request_id = request_id(request);
  ctx.client = guards_.clients != nullptr ? guards_.clients->resolve(client, request) : std::move(client);
  ctx.received = clock_.now();

  HttpResponse response;
  std::exception_ptr failure;
  std::vector<std::pair<std::string, std::string>> limit_headers;
  const bool preflight = guards_.cors != nullptr && request.method() == bhttp::verb::options;
  try {
    auto match = router_.match(request.method(), ctx.path);
    // Known from here on, so that metrics and the access log name the route of refused requests too.
    if (match) ctx.route = match->route;
    // Once, for both the rate limiter's buckets and the access check (an in-memory lookup).
    if (match && !preflight) ctx.principal = identify(request);
    if (preflight) {
      // Every OPTIONS is answered here, as the reference's cors middleware does; the allow
      // headers only for a configured origin.
      response = guards_.cors->preflight(request);
    } else if (!match && site_ != nullptr && StaticSite::claims(request.method(), ctx.path)) {
      response = site_->serve(request, ctx.path);
    } else if (!match) {
      // The reference (Nest) names the original URL, query string included.
      response = error_response(Error::not_found("Cannot " + ctx.method + " " + ctx.url), ctx);
    } else if (auto limited = rate_limit(*match->route, ctx, limit_headers)) {
      response = std::move(*limited);
    } else if (auto denied = access_check(request, *match->route, ctx)) {
      response = error_response(*denied, ctx);
    } else {
      std::optional<Error> refused;
      for (const auto& raw : match->params) {
        auto decoded = percent_decode(raw, false);
        // decodeURIComponent also refuses escapes that do not form UTF-8 ("%FF").
        if (!decoded || !is_utf8(*decoded)) {
          refused = Error{ErrorKind::kBadRequest, "Failed to decode param '" + raw + "'", {}};
          break;
        }
        ctx.params.push_back(std::move(*decoded));
      }
      ctx.query = parse_query_string(query_of(ctx.url));
      if (!refused) refused = parse_body(request, ctx);
      if (refused) {
        response = error_response(*refused, ctx);
      } else if (guards_.idempotency != nullptr && IdempotencyStore::wanted(request)) {
        response = co_await guards_.idempotency->run(ctx, match->route->handler);
      } else {
        response = co_await match->route->handler(ctx);
      }
    }
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) response = error_response(error_from_exception(failure), ctx);
  finish(response, ctx.request_id);
  if (guards_.cors != nullptr && !preflight) guards_.cors->apply(request, response);
  for (auto& [name, value] : limit_headers)
    response.set(name, value);
  if (response.result_int() >= 500) {
    spdlog::warn("{} {} -> {} (request {})", ctx.method, ctx.path, response.result_int(), ctx.request_id);
  }
  observe(ctx, response, started);
  co_return response;
}

}  // namespace admit
