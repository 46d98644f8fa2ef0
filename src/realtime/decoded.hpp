#pragma once

#include <optional>
#include <string>
#include <utility>

namespace admit {

// What a codec returns: the decoded value, or why the input was refused. Malformed input from the
// network is an expected outcome, never an exception.
template <class T>
class Decoded {
 public:
  Decoded(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  static Decoded failure(std::string reason) { return Decoded(std::nullopt, std::move(reason)); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  const std::string& error() const { return error_; }

 private:
  Decoded(std::nullopt_t, std::string reason) : error_(std::move(reason)) {}
  std::optional<T> value_;
  std::string error_;
};

}  // namespace admit
