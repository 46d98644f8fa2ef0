#include "http/validation.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/query_string.hpp"

namespace admit {
namespace {

using Messages = std::vector<std::pair<std::string, std::string>>;

// The {field, message} pairs of a refused input, in the order they were reported.
Messages errors_of(const Json& input, const Schema& schema) {
  auto result = validate(input, schema);
  EXPECT_FALSE(result.ok()) << "accepted: " << input.dump();
  Messages out;
  if (result.ok()) return out;
  EXPECT_EQ(result.error().kind, ErrorKind::kValidation);
  EXPECT_EQ(result.error().message, "Validation failed");
  for (const auto& e : result.error().errors)
    out.emplace_back(e.field, e.message);
  return out;
}

Json accepted(const Json& input, const Schema& schema) {
  auto result = validate(input, schema);
  EXPECT_TRUE(result.ok()) << input.dump() << " -> "
                           << (result.ok()                     ? ""
                               : result.error().errors.empty() ? result.error().message
                                                               : result.error().errors.front().message);
  return result.ok() ? result.value() : Json();
}

Messages one(std::string field, std::string message) { return {{std::move(field), std::move(message)}}; }

// --- strings --------------------------------------------------------------------------------

const Schema kName = {{.name = "name", .required = true, .not_empty = true, .max_length = 5}};

TEST(ValidateString, AcceptsAndKeepsTheText) {
  EXPECT_EQ(accepted({{"name", "Ada"}}, kName).dump(), R"({"name":"Ada"})");
}

TEST(ValidateString, MissingRequiredSaysEmptyAndType) {
  Messages expected{{"name", "name should not be empty"}, {"name", "name must be a string"}};
  EXPECT_EQ(errors_of(Json::object(), kName), expected);
  // null counts as missing, as class-validator treats it.
  EXPECT_EQ(errors_of({{"name", nullptr}}, kName), expected);
}

TEST(ValidateString, MissingOptionalIsFineAndAbsentFromTheOutput) {
  Schema schema = {{.name = "description", .max_length = 10}};
  EXPECT_EQ(accepted(Json::object(), schema).dump(), "{}");
  EXPECT_EQ(accepted({{"description", nullptr}}, schema).dump(), "{}");
}

TEST(ValidateString, MissingRequiredWithoutNotEmptyOnlySaysType) {
  Schema schema = {{.name = "title", .required = true}};
  EXPECT_EQ(errors_of(Json::object(), schema), one("title", "title must be a string"));
}

TEST(ValidateString, EmptyOrBlankIsRefusedWhenNotEmpty) {
  EXPECT_EQ(errors_of({{"name", ""}}, kName), one("name", "name should not be empty"));
  EXPECT_EQ(errors_of({{"name", "   "}}, kName), one("name", "name should not be empty"));
}

TEST(ValidateString, EmptyIsAllowedWithoutNotEmpty) {
  Schema schema = {{.name = "notes"}};
  EXPECT_EQ(accepted({{"notes", ""}}, schema).dump(), R"({"notes":""})");
}

TEST(ValidateString, CustomEmptyMessage) {
  Schema schema = {{.name = "name", .not_empty = true, .empty_message = "Name is mandatory"}};
  EXPECT_EQ(errors_of({{"name", ""}}, schema), one("name", "Name is mandatory"));
}

TEST(ValidateString, MaxLengthCountsCharactersNotBytes) {
  EXPECT_EQ(accepted({{"name", "12345"}}, kName)["name"], "12345");
  EXPECT_EQ(errors_of({{"name", "123456"}}, kName), one("name", "name must be shorter than or equal to 5 characters"));
  // Five two-byte characters are five characters.
  EXPECT_EQ(accepted({{"name", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"}}, kName)["name"],
            "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
}

TEST(ValidateString, NumbersAndBooleansBecomeTheirText) {
  Schema schema = {{.name = "phone"}, {.name = "code"}, {.name = "ratio"}, {.name = "flag"}};
  Json out = accepted({{"phone", 1234567890}, {"code", -7}, {"ratio", 1.5}, {"flag", true}}, schema);
  EXPECT_EQ(out["phone"], "1234567890");
  EXPECT_EQ(out["code"], "-7");
  EXPECT_EQ(out["ratio"], "1.5");
  EXPECT_EQ(out["flag"], "true");
  // An integral double prints without a fraction, as JavaScript's String() would.
  EXPECT_EQ(accepted({{"phone", 42.0}}, schema)["phone"], "42");
}

TEST(ValidateString, ObjectsAndArraysAreNotStrings) {
  Schema schema = {{.name = "name"}};
  EXPECT_EQ(errors_of({{"name", Json::object()}}, schema), one("name", "name must be a string"));
  EXPECT_EQ(errors_of({{"name", Json::array({"a"})}}, schema), one("name", "name must be a string"));
}

// --- integers -------------------------------------------------------------------------------

const Schema kCapacity = {{.name = "capacity", .kind = FieldKind::kInt, .min = 0, .max = 100}};

TEST(ValidateInt, AcceptsNumbersAndNumericStrings) {
  EXPECT_EQ(accepted({{"capacity", 5}}, kCapacity).dump(), R"({"capacity":5})");
  EXPECT_EQ(accepted({{"capacity", "5"}}, kCapacity).dump(), R"({"capacity":5})");
  EXPECT_EQ(accepted({{"capacity", " 7 "}}, kCapacity).dump(), R"({"capacity":7})");
  EXPECT_EQ(accepted({{"capacity", "+8"}}, kCapacity).dump(), R"({"capacity":8})");
  EXPECT_EQ(accepted({{"capacity", 9.0}}, kCapacity).dump(), R"({"capacity":9})");
  EXPECT_EQ(accepted({{"capacity", 0}}, kCapacity).dump(), R"({"capacity":0})");
  EXPECT_EQ(accepted({{"capacity", 100}}, kCapacity).dump(), R"({"capacity":100})");
}

TEST(ValidateInt, RefusesWhatIsNotAnInteger) {
  auto type = one("capacity", "capacity must be an integer number");
  EXPECT_EQ(errors_of({{"capacity", 1.5}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", "1.5"}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", "abc"}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", "5abc"}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", ""}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", true}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", Json::array({1})}}, kCapacity), type);
  EXPECT_EQ(errors_of({{"capacity", "99999999999999999999999"}}, kCapacity), type);
}

TEST(ValidateInt, BoundsUseTheReferenceMessages) {
  EXPECT_EQ(errors_of({{"capacity", -1}}, kCapacity), one("capacity", "capacity must not be less than 0"));
  EXPECT_EQ(errors_of({{"capacity", "101"}}, kCapacity), one("capacity", "capacity must not be greater than 100"));
}

TEST(ValidateInt, MissingRequiredSaysType) {
  Schema schema = {{.name = "page", .kind = FieldKind::kInt, .required = true, .min = 1}};
  EXPECT_EQ(errors_of(Json::object(), schema), one("page", "page must be an integer number"));
}

// --- booleans -------------------------------------------------------------------------------

const Schema kIsOpen = {{.name = "isOpen", .kind = FieldKind::kBool}};

TEST(ValidateBool, AcceptsOnlyTrueAndFalseSpellings) {
  EXPECT_EQ(accepted({{"isOpen", true}}, kIsOpen)["isOpen"], true);
  EXPECT_EQ(accepted({{"isOpen", false}}, kIsOpen)["isOpen"], false);
  EXPECT_EQ(accepted({{"isOpen", "true"}}, kIsOpen)["isOpen"], true);
  EXPECT_EQ(accepted({{"isOpen", "1"}}, kIsOpen)["isOpen"], true);
  EXPECT_EQ(accepted({{"isOpen", "0"}}, kIsOpen)["isOpen"], false);
}

TEST(ValidateBool, FalseStringIsFalse) {
  // The reference read "false" as true (JavaScript truthiness); admit deliberately does not.
  Json out = accepted({{"isOpen", "false"}}, kIsOpen);
  ASSERT_TRUE(out["isOpen"].is_boolean());
  EXPECT_FALSE(out["isOpen"].get<bool>());
  EXPECT_EQ(get_bool(out, "isOpen"), false);
}

TEST(ValidateBool, RefusesOtherValues) {
  auto type = one("isOpen", "isOpen must be a boolean value");
  for (const Json& bad : {Json("yes"), Json("no"), Json("TRUE"), Json("False"), Json(""), Json(" true"), Json(2),
                          Json(-1), Json(0.5), Json::array(), Json::object()}) {
    EXPECT_EQ(errors_of({{"isOpen", bad}}, kIsOpen), type) << bad.dump();
  }
}

// --- dates ----------------------------------------------------------------------------------

const Schema kStart = {{.name = "startTime", .kind = FieldKind::kDate, .required = true}};

TEST(ValidateDate, KeepsValidIsoStringsAsSent) {
  EXPECT_EQ(accepted({{"startTime", "2026-01-15T09:00:00.000Z"}}, kStart)["startTime"], "2026-01-15T09:00:00.000Z");
  EXPECT_EQ(accepted({{"startTime", "2026-01-15"}}, kStart)["startTime"], "2026-01-15");
  Json out = accepted({{"startTime", "2026-01-15T10:00:00+01:00"}}, kStart);
  EXPECT_EQ(get_time(out, "startTime"), from_unix_ms(1768467600000));
}

TEST(ValidateDate, RefusesNonDates) {
  auto type = one("startTime", "startTime must be a valid ISO 8601 date string");
  EXPECT_EQ(errors_of({{"startTime", "tomorrow"}}, kStart), type);
  EXPECT_EQ(errors_of({{"startTime", "2026-02-30"}}, kStart), type);
  EXPECT_EQ(errors_of({{"startTime", ""}}, kStart), type);
  // A number is not a date string, even a plausible timestamp.
  EXPECT_EQ(errors_of({{"startTime", 1768467600000}}, kStart), type);
  EXPECT_EQ(errors_of(Json::object(), kStart), type);
}

// --- object ids -----------------------------------------------------------------------------

const Schema kSessionId = {{.name = "sessionId", .kind = FieldKind::kObjectId, .required = true}};

TEST(ValidateObjectId, AcceptsTwentyFourHexDigits) {
  EXPECT_EQ(accepted({{"sessionId", "65a0c0ffee0000000000a001"}}, kSessionId)["sessionId"], "65a0c0ffee0000000000a001");
  EXPECT_EQ(accepted({{"sessionId", "65A0C0FFEE0000000000A001"}}, kSessionId)["sessionId"], "65A0C0FFEE0000000000A001");
}

TEST(ValidateObjectId, RefusesEverythingElse) {
  auto type = one("sessionId", "sessionId must be a mongodb id");
  EXPECT_EQ(errors_of({{"sessionId", "abcdefghijkl"}}, kSessionId), type);
  EXPECT_EQ(errors_of({{"sessionId", "65a0c0ffee0000000000a00"}}, kSessionId), type);
  EXPECT_EQ(errors_of({{"sessionId", "65a0c0ffee0000000000a0012"}}, kSessionId), type);
  EXPECT_EQ(errors_of({{"sessionId", "65a0c0ffee0000000000a00g"}}, kSessionId), type);
  EXPECT_EQ(errors_of({{"sessionId", 123}}, kSessionId), type);
  EXPECT_EQ(errors_of(Json::object(), kSessionId), type);
}

const Schema kIds = {
    {.name = "participantIds", .kind = FieldKind::kObjectIdArray, .required = true, .not_empty = true}};

TEST(ValidateObjectIdArray, AcceptsAnArrayOfIds) {
  Json out = accepted({{"participantIds", {"65a0c0ffee0000000000b001", "65a0c0ffee0000000000b002"}}}, kIds);
  EXPECT_EQ(out["participantIds"].size(), 2u);
}

TEST(ValidateObjectIdArray, ReferenceMessages) {
  EXPECT_EQ(errors_of({{"participantIds", "65a0c0ffee0000000000b001"}}, kIds),
            one("participantIds", "participantIds must be an array"));
  EXPECT_EQ(errors_of({{"participantIds", Json::array()}}, kIds),
            one("participantIds", "participantIds should not be empty"));
  EXPECT_EQ(errors_of({{"participantIds", {"65a0c0ffee0000000000b001", "nope"}}}, kIds),
            one("participantIds", "each value in participantIds must be a mongodb id"));
  EXPECT_EQ(errors_of({{"participantIds", {"65a0c0ffee0000000000b001", 7}}}, kIds),
            one("participantIds", "each value in participantIds must be a mongodb id"));
}

// --- emails ---------------------------------------------------------------------------------

const Schema kEmail = {{.name = "email", .kind = FieldKind::kEmail, .required = true, .not_empty = true}};

TEST(ValidateEmail, AcceptsAnEmailAndRefusesTheRest) {
  EXPECT_EQ(accepted({{"email", "jane@example.com"}}, kEmail)["email"], "jane@example.com");
  EXPECT_EQ(errors_of({{"email", "jane"}}, kEmail), one("email", "email must be an email"));
  EXPECT_EQ(errors_of({{"email", 42}}, kEmail), one("email", "email must be an email"));
  EXPECT_EQ(errors_of({{"email", ""}}, kEmail), one("email", "email should not be empty"));
  Messages missing{{"email", "email should not be empty"}, {"email", "email must be an email"}};
  EXPECT_EQ(errors_of(Json::object(), kEmail), missing);
}

TEST(IsEmail, AcceptsCommonAddresses) {
  for (const char* ok : {"jane@example.com", "Jane.Doe@Example.COM", "a+tag@sub.example.co.uk", "o'neil@example.ie",
                         "x_y-z@ex-ample.org", "1@2.io", "user@xn--bcher-kva.ch"}) {
    EXPECT_TRUE(is_email(ok)) << ok;
  }
}

TEST(IsEmail, RefusesMalformedAddresses) {
  for (const char* bad : {"", "plain", "@example.com", "jane@", "jane@example", "jane@example.c", "jane@@example.com",
                          "jane@.example.com", "jane@example..com", "jane@-example.com", "jane@example-.com",
                          ".jane@example.com", "jane.@example.com", "ja..ne@example.com", "ja ne@example.com",
                          "jane@exa mple.com", "jane@example.c0m", "jane@example.com."}) {
    EXPECT_FALSE(is_email(bad)) << bad;
  }
}

TEST(IsEmail, RefusesOverlongParts) {
  std::string local(64, 'a');
  EXPECT_TRUE(is_email(local + "@example.com"));
  EXPECT_FALSE(is_email(local + "a@example.com"));
  std::string label(63, 'b');
  EXPECT_TRUE(is_email("x@" + label + ".com"));
  EXPECT_FALSE(is_email("x@" + label + "b.com"));
  std::string domain;
  for (int i = 0; i < 5; ++i)
    domain += std::string(60, 'c') + ".";
  EXPECT_FALSE(is_email("x@" + domain + "com"));  // longer than 254 in all
}

// --- enums and QR codes ---------------------------------------------------------------------

const Schema kStatus = {{.name = "status", .kind = FieldKind::kEnum, .choices = {"confirmed", "pending", "cancelled"}}};

TEST(ValidateEnum, AcceptsAChoiceExactly) {
  EXPECT_EQ(accepted({{"status", "pending"}}, kStatus)["status"], "pending");
  auto type = one("status", "status must be one of the following values: confirmed, pending, cancelled");
  EXPECT_EQ(errors_of({{"status", "Pending"}}, kStatus), type);
  EXPECT_EQ(errors_of({{"status", "done"}}, kStatus), type);
  EXPECT_EQ(errors_of({{"status", 1}}, kStatus), type);
}

const Schema kQr = {{.name = "qrCode", .kind = FieldKind::kQrCode, .max_length = 50}};

TEST(ValidateQrCode, PatternAndLength) {
  EXPECT_EQ(accepted({{"qrCode", "QR-1A2B3C4D-5E6"}}, kQr)["qrCode"], "QR-1A2B3C4D-5E6");
  EXPECT_EQ(accepted({{"qrCode", "qr-abc"}}, kQr)["qrCode"], "qr-abc");
  auto pattern = one("qrCode", "QR code must start with \"QR-\" followed by alphanumeric characters");
  EXPECT_EQ(errors_of({{"qrCode", "AB-123"}}, kQr), pattern);
  EXPECT_EQ(errors_of({{"qrCode", "QR-12 34"}}, kQr), pattern);
  EXPECT_EQ(errors_of({{"qrCode", "QR-"}}, kQr), pattern);
  EXPECT_EQ(errors_of({{"qrCode", "QR-" + std::string(48, 'A')}}, kQr),
            one("qrCode", "qrCode must be shorter than or equal to 50 characters"));
  EXPECT_EQ(errors_of({{"qrCode", 12345}}, kQr), one("qrCode", "qrCode must be a string"));
}

// --- unknown properties, several errors, nesting --------------------------------------------

TEST(ValidateObject, UnknownPropertiesAreRefusedByName) {
  Schema schema = {{.name = "participantId", .kind = FieldKind::kObjectId, .required = true}};
  Json input = {{"participantId", "65a0c0ffee0000000000b001"}, {"acceptedBy", "Officer A"}};
  EXPECT_EQ(errors_of(input, schema), one("acceptedBy", "property acceptedBy should not exist"));
}

TEST(ValidateObject, ReportsEveryProblemInSchemaOrderThenUnknowns) {
  Schema schema = {
      {.name = "participantId", .kind = FieldKind::kObjectId, .required = true},
      {.name = "sessionId", .kind = FieldKind::kObjectId, .required = true},
      {.name = "checkedInBy", .max_length = 3},
  };
  Json input = {{"zzz", 1}, {"checkedInBy", "Officer"}, {"participantId", "nope"}};
  Messages expected{
      {"participantId", "participantId must be a mongodb id"},
      {"sessionId", "sessionId must be a mongodb id"},
      {"checkedInBy", "checkedInBy must be shorter than or equal to 3 characters"},
      {"zzz", "property zzz should not exist"},
  };
  EXPECT_EQ(errors_of(input, schema), expected);
}

TEST(ValidateObject, NonObjectBodyIsRefused) {
  Schema schema = {{.name = "name"}};
  for (const Json& body : {Json::array(), Json("x"), Json(1), Json(nullptr)}) {
    auto result = validate(body, schema);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().kind, ErrorKind::kValidation);
    ASSERT_EQ(result.error().errors.size(), 1u);
    EXPECT_EQ(result.error().errors[0].field, "body");
  }
}

TEST(ValidateObject, OutputFollowsSchemaOrderAndDropsNulls) {
  Schema schema = {{.name = "a"}, {.name = "b", .kind = FieldKind::kInt}, {.name = "c", .kind = FieldKind::kBool}};
  Json out = accepted({{"c", "1"}, {"b", "2"}, {"a", 3}}, schema);
  EXPECT_EQ(out.dump(), R"({"a":"3","b":2,"c":true})");
  EXPECT_EQ(accepted({{"a", nullptr}, {"b", nullptr}}, schema).dump(), "{}");
}

const Schema kSessionItem = {
    {.name = "name", .required = true, .not_empty = true, .max_length = 200},
    {.name = "capacity", .kind = FieldKind::kInt, .min = 0},
};
const Schema kBulk = {{.name = "sessions",
                       .kind = FieldKind::kObjectArray,
                       .required = true,
                       .not_empty = true,
                       .items = &kSessionItem,
                       .empty_message = "At least one session is required"}};

TEST(ValidateNested, ConvertsEveryItem) {
  Json out = accepted({{"sessions", {{{"name", "A"}, {"capacity", "3"}}, {{"name", 5}}}}}, kBulk);
  EXPECT_EQ(out.dump(), R"({"sessions":[{"name":"A","capacity":3},{"name":"5"}]})");
}

TEST(ValidateNested, ItemErrorsCarryTheirPath) {
  Json input = {{"sessions", {{{"name", "A"}}, {{"name", ""}, {"capacity", -1}}}}};
  Messages expected{
      {"sessions.1.name", "sessions.1.name should not be empty"},
      {"sessions.1.capacity", "sessions.1.capacity must not be less than 0"},
  };
  EXPECT_EQ(errors_of(input, kBulk), expected);
}

TEST(ValidateNested, MissingRequiredItemField) {
  Json input = {{"sessions", {{{"capacity", 1}}}}};
  Messages expected{
      {"sessions.0.name", "sessions.0.name should not be empty"},
      {"sessions.0.name", "sessions.0.name must be a string"},
  };
  EXPECT_EQ(errors_of(input, kBulk), expected);
}

TEST(ValidateNested, UnknownItemPropertyUsesTheReferenceText) {
  // Nest prefixes the parent path to class-validator's whole message:
  // "sessions.0.property foo should not exist" (contract §3.2, P19).
  Json input = {{"sessions", {{{"name", "A"}, {"foo", 1}}}}};
  EXPECT_EQ(errors_of(input, kBulk), one("sessions.0.foo", "sessions.0.property foo should not exist"));
}

TEST(ValidateNested, ArrayShapeErrors) {
  EXPECT_EQ(errors_of({{"sessions", Json::array()}}, kBulk), one("sessions", "At least one session is required"));
  EXPECT_EQ(errors_of({{"sessions", "A"}}, kBulk), one("sessions", "sessions must be an array"));
  Messages missing{{"sessions", "At least one session is required"}, {"sessions", "sessions must be an array"}};
  EXPECT_EQ(errors_of(Json::object(), kBulk), missing);
  EXPECT_EQ(errors_of({{"sessions", {{{"name", "A"}}, 7}}}, kBulk),
            one("sessions.1", "nested property sessions.1 must be either object or array"));
}

// --- query strings --------------------------------------------------------------------------

TEST(ValidateQuery, ParsedQueryStringsConvertLikeBodies) {
  Schema schema = {{.name = "page", .kind = FieldKind::kInt, .min = 1},
                   {.name = "isOpen", .kind = FieldKind::kBool},
                   {.name = "search", .max_length = 200}};
  Json out = accepted(parse_query_string("page=2&isOpen=false&search=Jane+Doe"), schema);
  EXPECT_EQ(out.dump(), R"({"page":2,"isOpen":false,"search":"Jane Doe"})");
  // A repeated key is an array, which no scalar field accepts.
  EXPECT_EQ(errors_of(parse_query_string("page=1&page=2"), schema), one("page", "page must be an integer number"));
  EXPECT_EQ(errors_of(parse_query_string("search=a&search=b"), schema), one("search", "search must be a string"));
  // The reference turned "?isOpen=" into false; an empty value is not a boolean here.
  EXPECT_EQ(errors_of(parse_query_string("isOpen="), schema), one("isOpen", "isOpen must be a boolean value"));
  EXPECT_EQ(errors_of(parse_query_string("page=0&day=1"), schema),
            (Messages{{"page", "page must not be less than 1"}, {"day", "property day should not exist"}}));
}

// --- readers --------------------------------------------------------------------------------

TEST(ValidatedReaders, ReadOnlyTheirOwnType) {
  Json v = {{"s", "x"}, {"i", 4}, {"b", true}, {"t", "2026-01-15T09:00:00.000Z"}, {"n", nullptr}};
  EXPECT_EQ(get_string(v, "s"), "x");
  EXPECT_EQ(get_string(v, "i"), std::nullopt);
  EXPECT_EQ(get_int(v, "i"), 4);
  EXPECT_EQ(get_int(v, "s"), std::nullopt);
  EXPECT_EQ(get_bool(v, "b"), true);
  EXPECT_EQ(get_bool(v, "i"), std::nullopt);
  EXPECT_EQ(get_time(v, "t"), from_unix_ms(1768467600000));
  EXPECT_EQ(get_time(v, "s"), std::nullopt);
  EXPECT_EQ(get_string(v, "n"), std::nullopt);
  EXPECT_EQ(get_string(v, "missing"), std::nullopt);
}

}  // namespace
}  // namespace admit
