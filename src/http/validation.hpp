#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/result.hpp"
#include "domain/time.hpp"
#include "http/json.hpp"

namespace admit {

// What a field must hold. Values are converted the way the reference's implicit conversion does
// (a number where a string is expected becomes its text, "5" where an integer is expected becomes
// 5) except for booleans, which only accept true/false (or "true"/"false", "1"/"0"): the reference
// read "false" as true.
enum class FieldKind { kString, kInt, kBool, kDate, kObjectId, kEmail, kEnum, kQrCode, kObjectIdArray, kObjectArray };

struct FieldSpec {
  std::string_view name;
  FieldKind kind = FieldKind::kString;
  bool required = false;
  bool not_empty = false;      // strings: "" (after trimming) is refused; arrays: [] is refused
  std::size_t max_length = 0;  // in characters; 0 = no limit
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  std::vector<std::string_view> choices;          // kEnum
  const std::vector<FieldSpec>* items = nullptr;  // kObjectArray
  std::string_view empty_message;                 // replaces "<name> should not be empty"
};

using Schema = std::vector<FieldSpec>;

// Checks an object against a schema and returns it with every value converted to its kind (dates
// stay ISO strings, checked). Unknown properties are refused, as the reference does. Every
// problem is reported, each as {field, message} with the reference's message texts.
Result<Json> validate(const Json& input, const Schema& schema);

// Readers for a validated object.
std::optional<std::string> get_string(const Json& object, std::string_view name);
std::optional<int> get_int(const Json& object, std::string_view name);
std::optional<bool> get_bool(const Json& object, std::string_view name);
std::optional<TimePoint> get_time(const Json& object, std::string_view name);

bool is_email(std::string_view text);

}  // namespace admit
