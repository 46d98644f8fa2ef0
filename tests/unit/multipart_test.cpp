#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

const std::string kBody =
    "preamble to ignore\r\n"
    "------b0undary\r\n"
    "Content-Disposition: form-data; name=\"note\"\r\n"
    "\r\n"
    "hello\r\n"
    "------b0undary\r\n"
    "content-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "name,email\r\nAna,ana@x.org\r\n"
    "\r\n"
    "------b0undary--\r\n"
    "epilogue";

TEST(MultipartBoundary, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----b0undary").value(), "----b0undary");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b\"").value(), "a b");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=x").value(), "x");
}

TEST(MultipartBoundary, RefusesOtherTypesAndMissingBoundary) {
  auto json = multipart_boundary("application/json");
  ASSERT_FALSE(json.ok());
  EXPECT_EQ(json.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(json.error().message, "Content-Type must be multipart/form-data");
  EXPECT_EQ(multipart_boundary("multipart/form-data").error().message, "multipart/form-data without a boundary");
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')).ok());
}

TEST(Multipart, SplitsPartsWithNamesFilenamesAndTypes) {
  auto parts = parse_multipart(kBody, "----b0undary");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].content_type, "text/plain");
  EXPECT_EQ((*parts)[0].body, "hello");
  const MultipartPart* file = find_part(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename.value(), "a \"b\".csv");
  EXPECT_EQ(file->content_type, "text/csv");
  EXPECT_EQ(file->header("content-type"), "text/csv");
  // The CRLF before the delimiter belongs to the delimiter; the one before it is data.
  EXPECT_EQ(file->body, "name,email\r\nAna,ana@x.org\r\n");
  EXPECT_EQ(find_part(*parts, "missing"), nullptr);
}

TEST(Multipart, KeepsBinaryBodiesIntact) {
  std::string data("PK\x03\x04\0\r\n--x\r\n\xff", 12);
  std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\n" + data + "\r\n--B--";
  auto parts = parse_multipart(body, "B");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ((*parts)[0].body, data);
}

TEST(Multipart, DecodesExtendedFilenames) {
  std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''na%C3%AFve.csv\r\n\r\nx\r\n--B--";
  auto parts = parse_multipart(body, "B");
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0].filename.value(), "na\xC3\xAFve.csv");
}

TEST(Multipart, ReportsMalformedBodies) {
  auto message = [](const std::string& body) {
    auto parts = parse_multipart(body, "B");
    return parts.ok() ? std::string("ok") : parts.error().message;
  };
  EXPECT_EQ(message("no delimiter here"), "Malformed multipart body: no opening boundary");
  EXPECT_EQ(message("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"),
            "Malformed multipart body: no closing boundary");
  EXPECT_EQ(message("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--"),
            "Malformed multipart body: part without Content-Disposition");
  EXPECT_EQ(message("--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--"),
            "Malformed multipart body: part without a name");
  EXPECT_EQ(message("--B\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--B--"),
            "Malformed multipart body: part headers are not terminated by an empty line");
  EXPECT_EQ(message("--Bjunk\r\n"), "Malformed multipart body: boundary line not followed by CRLF");
  EXPECT_EQ(message("--B--"), "ok");  // a form without fields
}

}  // namespace
}  // namespace admit
