#pragma once

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace admit::test {

// Checks shared by the resource tests: the reference's envelopes (key order included) and the
// shape of serialized documents.

inline std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  if (!object.is_object()) return keys;
  for (const auto& item : object.items())
    keys.push_back(item.key());
  return keys;
}

inline bool is_object_id(const Json& value) {
  static const std::regex kHex24("^[0-9a-f]{24}$");
  return value.is_string() && std::regex_match(value.get<std::string>(), kHex24);
}

// ISO-8601 in UTC with milliseconds and Z, as JavaScript's Date.toISOString() writes it.
inline bool is_iso_utc(const Json& value) {
  static const std::regex kIso(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$)");
  return value.is_string() && std::regex_match(value.get<std::string>(), kIso);
}

// The success envelope: status, message, data, [meta], timestamp, path (the URL as requested).
inline void expect_success(const Reply& reply, int status, const std::string& message, const std::string& path,
                           bool with_meta = false) {
  EXPECT_EQ(reply.status, status) << reply.raw;
  ASSERT_TRUE(reply.body.is_object()) << reply.raw;
  std::vector<std::string> keys = {"status", "message", "data"};
  if (with_meta) keys.emplace_back("meta");
  keys.emplace_back("timestamp");
  keys.emplace_back("path");
  EXPECT_EQ(keys_of(reply.body), keys) << reply.raw;
  EXPECT_EQ(reply.body.value("status", ""), "success");
  EXPECT_EQ(reply.body.value("message", ""), message);
  EXPECT_EQ(reply.body.value("path", ""), path);
  EXPECT_TRUE(is_iso_utc(reply.body.value("timestamp", Json()))) << reply.raw;
  if (with_meta) {
    for (const char* key : {"page", "limit", "total", "totalPages"})
      EXPECT_TRUE(reply.body["meta"].value(key, Json()).is_number_integer()) << key << ": " << reply.raw;
  }
}

// Every value of an object is a JSON integer (1, never 1.0): the mobile client casts with "as int".
inline void expect_integers(const Json& object) {
  ASSERT_TRUE(object.is_object()) << object.dump();
  for (const auto& [key, value] : object.items())
    EXPECT_TRUE(value.is_number_integer()) << key << ": " << value.dump();
}

// The error envelope: status, statusCode, message, [errors], timestamp, path, method.
inline void expect_error(const Reply& reply, int status, const std::string& message, const std::string& method,
                         const std::string& path, bool with_errors = false) {
  EXPECT_EQ(reply.status, status) << reply.raw;
  ASSERT_TRUE(reply.body.is_object()) << reply.raw;
  std::vector<std::string> keys = {"status", "statusCode", "message"};
  if (with_errors) keys.emplace_back("errors");
  keys.insert(keys.end(), {"timestamp", "path", "method"});
  EXPECT_EQ(keys_of(reply.body), keys) << reply.raw;
  EXPECT_EQ(reply.body.value("status", ""), "error");
  EXPECT_EQ(reply.body.value("statusCode", 0), status);
  EXPECT_TRUE(reply.body.value("statusCode", Json()).is_number_integer());
  EXPECT_EQ(reply.body.value("message", ""), message);
  EXPECT_EQ(reply.body.value("path", ""), path);
  EXPECT_EQ(reply.body.value("method", ""), method);
  EXPECT_TRUE(is_iso_utc(reply.body.value("timestamp", Json()))) << reply.raw;
}

using FieldErrors = std::vector<std::pair<std::string, std::string>>;

// errors[] as (field, message) pairs, each item checked to be exactly {field, message}.
inline FieldErrors field_errors(const Reply& reply) {
  FieldErrors out;
  auto it = reply.body.find("errors");
  if (it == reply.body.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    EXPECT_EQ(keys_of(e), (std::vector<std::string>{"field", "message"})) << e.dump();
    out.emplace_back(e.value("field", ""), e.value("message", ""));
  }
  return out;
}

// A class-validator failure: 400 "Validation failed" with exactly these field errors.
inline void expect_validation(const Reply& reply, const std::string& method, const std::string& path,
                              const FieldErrors& errors) {
  expect_error(reply, 400, "Validation failed", method, path, true);
  EXPECT_EQ(field_errors(reply), errors) << reply.raw;
}

// The meta object of list routes: page, limit, total, totalPages, hasNextPage, hasPrevPage.
inline Json page_meta(int page, int limit, int total, int total_pages, bool has_next, bool has_prev) {
  Json meta = Json::object();
  meta["page"] = page;
  meta["limit"] = limit;
  meta["total"] = total;
  meta["totalPages"] = total_pages;
  meta["hasNextPage"] = has_next;
  meta["hasPrevPage"] = has_prev;
  return meta;
}

// A field of each document of a list, in order (e.g. the names of the listed sessions).
inline std::vector<std::string> column(const Json& documents, const std::string& field) {
  std::vector<std::string> out;
  for (const auto& d : documents)
    out.push_back(d.at(field).get<std::string>());
  return out;
}

}  // namespace admit::test
