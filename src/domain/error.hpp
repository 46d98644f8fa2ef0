#pragma once

#include <string>
#include <utility>
#include <vector>

namespace admit {

struct FieldError {
  std::string field;
  std::string message;
};

// What went wrong, independent of transport; http/ maps each kind to a status in one place.
enum class ErrorKind {
  kValidation,  // bad input (400, "Validation failed" with field errors)
  kBadRequest,  // a business rule refused the request (400, its own message)
  kNotFound,    // 404
  kConflict,    // 409
  kPayloadTooLarge,
  kUnauthorized,     // no or invalid credentials (401)
  kForbidden,        // authenticated, but not allowed (403)
  kTooManyRequests,  // 429
  kUnprocessable,    // well-formed but unusable: an Idempotency-Key reused for another request (422)
  kUnavailable,      // storage cannot take writes right now (503)
  kInternal,
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
  std::vector<FieldError> errors;

  static Error validation(std::vector<FieldError> errors) {
    return {ErrorKind::kValidation, "Validation failed", std::move(errors)};
  }
  // A business rule: the message says why and errors[] names the field, so clients can tell
  // "session closed" from "session full" (the reference only ever said "Validation failed").
  static Error rule(std::string field, std::string message) {
    std::string text = message;
    return {ErrorKind::kBadRequest, std::move(text), {{std::move(field), std::move(message)}}};
  }
  static Error not_found(std::string message) { return {ErrorKind::kNotFound, std::move(message), {}}; }
  static Error conflict(std::string message, std::string field = {}) {
    Error e{ErrorKind::kConflict, message, {}};
    if (!field.empty()) e.errors.push_back({std::move(field), std::move(message)});
    return e;
  }
};

}  // namespace admit
