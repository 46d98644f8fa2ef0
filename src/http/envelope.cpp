#include "http/envelope.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

#include "storage/storage_error.hpp"

namespace admit {

HttpResponse json_response(bhttp::status status, const Json& body, unsigned version, bool keep_alive) {
  HttpResponse res{status, version};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.keep_alive(keep_alive);
  res.body() = dump_json(body);
  return res;
}

HttpResponse success(const RequestContext& ctx, bhttp::status status, std::string_view message, Json data, Json meta,
                     Json extras) {
  Json body = Json::object();
  body["status"] = "success";
  body["message"] = message;
  body["data"] = std::move(data);
  if (!meta.is_null()) body["meta"] = std::move(meta);
  if (extras.is_object()) {
    for (auto& [key, value] : extras.items())
      body[key] = std::move(value);
  }
  body["timestamp"] = format_iso8601(ctx.received);
  body["path"] = ctx.url;
  return json_response(status, body, ctx.request.version(), ctx.request.keep_alive());
}

Json page_meta(int page, int limit, std::int64_t total, MetaOrder order) {
  auto total_pages = static_cast<std::int64_t>(std::ceil(static_cast<double>(total) / limit));
  Json meta = Json::object();
  if (order == MetaOrder::kTotalFirst) meta["total"] = total;
  meta["page"] = page;
  meta["limit"] = limit;
  if (order == MetaOrder::kPageFirst) meta["total"] = total;
  meta["totalPages"] = total_pages;
  meta["hasNextPage"] = page < total_pages;
  meta["hasPrevPage"] = page > 1;
  return meta;
}

bhttp::status status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kValidation:
    case ErrorKind::kBadRequest:
      return bhttp::status::bad_request;
    case ErrorKind::kNotFound:
      return bhttp::status::not_found;
    case ErrorKind::kConflict:
      return bhttp::status::conflict;
    case ErrorKind::kPayloadTooLarge:
      return bhttp::status::payload_too_large;
    case ErrorKind::kUnauthorized:
      return bhttp::status::unauthorized;
    case ErrorKind::kForbidden:
      return bhttp::status::forbidden;
    case ErrorKind::kTooManyRequests:
      return bhttp::status::too_many_requests;
    case ErrorKind::kUnprocessable:
      return bhttp::status::unprocessable_entity;
    case ErrorKind::kUnavailable:
      return bhttp::status::service_unavailable;
    case ErrorKind::kInternal:
      break;
  }
  return bhttp::status::internal_server_error;
}

HttpResponse error_response(const Error& error, std::string_view method, std::string_view url, TimePoint now,
                            unsigned version, bool keep_alive) {
  auto status = status_of(error.kind);
  Json body = Json::object();
  body["status"] = "error";
  body["statusCode"] = static_cast<int>(status);
  body["message"] = error.message;
  if (!error.errors.empty()) {
    Json errors = Json::array();
    for (const auto& e : error.errors)
      errors.push_back(Json{{"field", e.field}, {"message", e.message}});
    body["errors"] = std::move(errors);
  }
  body["timestamp"] = format_iso8601(now);
  body["path"] = url;
  body["method"] = method;
  auto response = json_response(status, body, version, keep_alive);
  // RFC 6750: a 401 names the scheme that would be accepted.
  if (error.kind == ErrorKind::kUnauthorized) response.set(bhttp::field::www_authenticate, "Bearer realm=\"admit\"");
  return response;
}

HttpResponse error_response(const Error& error, const RequestContext& ctx) {
  return error_response(error, ctx.method, ctx.url, ctx.received, ctx.request.version(), ctx.request.keep_alive());
}

Error error_from_exception(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const StorageError& e) {
    switch (e.kind()) {
      case StorageError::Kind::kConflict:
        return Error::conflict("Duplicate entry");
      case StorageError::Kind::kDiskFull:
        spdlog::error("storage: disk full: {}", e.what());
        return {ErrorKind::kUnavailable, "Storage is full: the server's disk has no space left; nothing was saved", {}};
      case StorageError::Kind::kReadOnly:
        spdlog::error("storage: cannot write: {}", e.what());
        return {ErrorKind::kUnavailable, "Storage is read-only or not writable; nothing was saved", {}};
      case StorageError::Kind::kBusy:
        spdlog::warn("storage: busy: {}", e.what());
        return {ErrorKind::kUnavailable, "Storage is busy; please retry", {}};
      case StorageError::Kind::kCorrupt:
        spdlog::critical("storage: data file damaged: {}", e.what());
        return {ErrorKind::kInternal, "Storage error: the data file is damaged", {}};
      case StorageError::Kind::kOther:
        break;
    }
    spdlog::error("storage: {}", e.what());
    return {ErrorKind::kInternal, "Internal server error", {}};
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception: {}", e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception");
  }
  return {ErrorKind::kInternal, "Internal server error", {}};
}

}  // namespace admit
