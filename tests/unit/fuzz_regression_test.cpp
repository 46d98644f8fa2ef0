// Regression tests for the bugs the libFuzzer targets (fuzz/) and the sanitizer builds found.
// Each test names the target or build that found it; the input that did is in fuzz/corpus/.
#include <gtest/gtest.h>
#include <zip.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/http_pipeline.hpp"
#include "http/json_depth.hpp"
#include "import/xlsx_reader.hpp"
#include "realtime/socketio/socketio_packet.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

std::string nested(std::size_t depth, std::string_view inner) {
  return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}

// An in-memory zip of (name, content) entries.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  zip_source_keep(buffer);
  for (const auto& [name, content] : entries) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), file, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  std::string out;
  zip_stat_t stat;
  EXPECT_EQ(zip_source_stat(buffer, &stat), 0);
  EXPECT_EQ(zip_source_open(buffer), 0);
  out.resize(stat.size);
  EXPECT_EQ(zip_source_read(buffer, out.data(), out.size()), static_cast<zip_int64_t>(out.size()));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

std::string workbook_with_sheet(const std::string& sheet_data) {
  return zip_of({
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet_data + "</sheetData></worksheet>"},
  });
}

TEST(JsonDepthTest, CountsBracketsOutsideStrings) {
  EXPECT_FALSE(json_nesting_exceeds(R"({"a":[1,{"b":[]}]})", 4));
  EXPECT_TRUE(json_nesting_exceeds(R"({"a":[1,{"b":[]}]})", 3));
  EXPECT_FALSE(json_nesting_exceeds(R"(["[[[[", "\"[[[[{{{{"])", 1));
  EXPECT_FALSE(json_nesting_exceeds(R"("no brackets")", 0));
  EXPECT_FALSE(json_nesting_exceeds(nested(64, ""), 64));
  EXPECT_TRUE(json_nesting_exceeds(nested(65, ""), 64));
  EXPECT_FALSE(json_nesting_exceeds("]]]]", 0));  // not JSON: the parser refuses it later
}

// socketio_packet_fuzz: a BINARY_EVENT nesting 400,000 arrays around its placeholder (800 kB, under
// Engine.IO's 1 MB maxPayload) decoded fine, then crashed the server with a stack overflow in
// reconstruct_sio_binary's recursion. Such payloads are now refused as malformed packets.
TEST(FuzzRegressionTest, SocketIoPayloadNestedTooDeeplyIsRefused) {
  std::string placeholder = R"({"_placeholder":true,"num":0})";
  auto deep = decode_sio_packet("51-[\"upload\"," + nested(400000, placeholder) + "]");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error(), "payload nested too deeply");
  EXPECT_FALSE(decode_sio_packet("2[\"x\"," + nested(kSioMaxDepth, "") + "]").ok());

  auto fits = decode_sio_packet("51-[\"upload\"," + nested(kSioMaxDepth - 2, placeholder) + "]");
  ASSERT_TRUE(fits.ok()) << fits.error();
  auto rebuilt = reconstruct_sio_binary(*fits->data, {"ab"});
  EXPECT_TRUE(rebuilt.ok());
}

// Found reading the xlsx_import target's coverage: a cell reference may carry a 7-digit row
// ("A9999999") that the <row> check never saw, so one cell made the table 10 million rows long.
TEST(FuzzRegressionTest, XlsxCellReferenceBeyondTheLastRowIsRefused) {
  auto table = read_xlsx(workbook_with_sheet(R"(<row><c r="A9999999" t="inlineStr"><is><t>x</t></is></c></row>)"));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().message, "Invalid Excel file: more than 1048576 rows");

  auto last = read_xlsx(workbook_with_sheet(R"(<row><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row>)"));
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(last->rows.size(), 1048576U);
  EXPECT_EQ(last->rows.back(), (std::vector<std::string>{"", "x"}));
}

// Found while writing the http_request target (which now fails on any 500): nlohmann refuses a
// number beyond double's range with out_of_range rather than parse_error, so {"capacity":1e999}
// escaped the body parser and was answered 500 Internal server error.
TEST(FuzzRegressionTest, JsonNumberOutOfRangeIsABadRequest) {
  Router router;
  bool called = false;
  router.add(bhttp::verb::post, "/api/v1/things", [&called](RequestContext&) -> Task<HttpResponse> {
    called = true;
    co_return HttpResponse{bhttp::status::ok, 11};
  });
  FakeClock clock;
  SequenceRandom random({1, 2});
  HttpPipeline pipeline(router, clock, random);
  HttpRequest request{bhttp::verb::post, "/api/v1/things", 11};
  request.set(bhttp::field::content_type, "application/json");
  request.body() = R"({"name":"x","capacity":1e999})";
  request.prepare_payload();

  asio::io_context io;
  std::optional<HttpResponse> response;
  asio::co_spawn(
      io, [&]() -> Task<void> { response.emplace(co_await pipeline.handle(request, "127.0.0.1")); },
      [](const std::exception_ptr& e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 400);
  EXPECT_NE(response->body().find("Malformed JSON body: a number is out of range"), std::string::npos)
      << response->body();
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace admit
