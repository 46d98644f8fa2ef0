// The request validators (http/validation.cpp) on fuzzed JSON: the first byte picks a schema
// shaped like the API's (every FieldKind, limits, nested object arrays), the rest is the body.
// A body that validates must validate again unchanged: validation only converts once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/list_query.hpp"
#include "http/json.hpp"
#include "http/validation.hpp"

namespace {

using admit::FieldKind;
using admit::Schema;

const Schema kItem = {
    {.name = "name", .required = true, .not_empty = true, .max_length = 200},
    {.name = "email", .kind = FieldKind::kEmail, .required = true, .not_empty = true, .max_length = 254},
    {.name = "phone", .max_length = 50},
};

const Schema kSchemas[] = {
    // Every kind once (participants, sessions, check-in, bulk).
    {
        {.name = "name", .required = true, .not_empty = true, .max_length = 200},
        {.name = "email", .kind = FieldKind::kEmail, .not_empty = true, .max_length = 254},
        {.name = "capacity", .kind = FieldKind::kInt, .min = 0, .max = 100000},
        {.name = "isActive", .kind = FieldKind::kBool},
        {.name = "startTime", .kind = FieldKind::kDate},
        {.name = "sessionId", .kind = FieldKind::kObjectId},
        {.name = "status", .kind = FieldKind::kEnum, .choices = {"regular", "ambassador", "travel_grant"}},
        {.name = "qrCode", .kind = FieldKind::kQrCode, .max_length = 50},
        {.name = "participantIds", .kind = FieldKind::kObjectIdArray, .not_empty = true},
        {.name = "participants", .kind = FieldKind::kObjectArray, .items = &kItem},
    },
    {
        {.name = "participants",
         .kind = FieldKind::kObjectArray,
         .required = true,
         .not_empty = true,
         .items = &kItem,
         .empty_message = "participants must not be empty"},
    },
    admit::paged_schema(
        {{.name = "sessionId", .kind = FieldKind::kObjectId}, {.name = "checkInAfter", .kind = FieldKind::kDate}},
        {"createdAt", "name"}),
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Schema& schema = kSchemas[data[0] % std::size(kSchemas)];
  bool named = (data[0] / std::size(kSchemas)) % 2 == 1;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  admit::Json input = admit::Json::parse(text, nullptr, false);
  if (input.is_discarded()) return 0;
  auto result = named ? admit::validate_named(input, schema) : admit::validate(input, schema);
  if (!result) {
    if (result.error().kind != admit::ErrorKind::kValidation) std::abort();
    return 0;
  }
  const admit::Json& out = *result;
  auto again = admit::validate(out, schema);
  if (!again || *again != out) std::abort();
  for (const auto& spec : schema) {
    (void)admit::get_string(out, spec.name);
    (void)admit::get_int(out, spec.name);
    (void)admit::get_bool(out, spec.name);
    (void)admit::get_time(out, spec.name);
  }
  (void)admit::dump_json(out);
  return 0;
}
