#pragma once

#include <string>

#include "domain/error.hpp"
#include "http/asio.hpp"
#include "http/json.hpp"
#include "http/request_context.hpp"

namespace admit {

// The reference's success envelope: {status:"success", message, data, [meta], [extras...],
// timestamp, path}. `extras` (an object) is spliced in after data/meta, in its own order.
HttpResponse success(const RequestContext& ctx, bhttp::status status, std::string_view message, Json data,
                     Json meta = nullptr, Json extras = nullptr);

// The list envelope's "meta" in one of the reference's two key orders.
enum class MetaOrder { kPageFirst, kTotalFirst };
Json page_meta(int page, int limit, std::int64_t total, MetaOrder order = MetaOrder::kPageFirst);

// The only place where a domain Error becomes an HTTP status and the reference's error envelope
// {status:"error", statusCode, message, [errors], timestamp, path, method}.
HttpResponse error_response(const Error& error, const RequestContext& ctx);
HttpResponse error_response(const Error& error, std::string_view method, std::string_view url, TimePoint now,
                            unsigned version, bool keep_alive);
bhttp::status status_of(ErrorKind kind);

// Turns whatever a handler threw into an Error: storage failures name their cause (a full disk
// is a 503 that says so), anything else is a 500 that leaks nothing.
Error error_from_exception(std::exception_ptr error);

// A response with a JSON body and the headers every admit response carries.
HttpResponse json_response(bhttp::status status, const Json& body, unsigned version, bool keep_alive);

}  // namespace admit
