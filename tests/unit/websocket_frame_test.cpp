#include "realtime/engineio/websocket_frame.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

// A client frame: masked with a fixed key.
std::string client_frame(std::uint8_t first_byte, std::string_view payload, std::string key = "\x11\x22\x33\x44") {
  std::string f;
  f += static_cast<char>(first_byte);
  if (payload.size() < 126) {
    f += static_cast<char>(0x80 | payload.size());
  } else if (payload.size() <= 0xFFFF) {
    f += static_cast<char>(0x80 | 126);
    f += static_cast<char>(payload.size() >> 8);
    f += static_cast<char>(payload.size() & 0xFF);
  } else {
    f += static_cast<char>(0x80 | 127);
    for (int i = 7; i >= 0; --i)
      f += static_cast<char>((static_cast<std::uint64_t>(payload.size()) >> (8 * i)) & 0xFF);
  }
  f += key;
  for (std::size_t i = 0; i < payload.size(); ++i)
    f += static_cast<char>(payload[i] ^ key[i % 4]);
  return f;
}

TEST(WsFrameHeader, UsesTheShortestLengthForm) {
  EXPECT_EQ(ws_frame_header(WsOpcode::kText, 5).view(), std::string_view("\x81\x05", 2));
  EXPECT_EQ(ws_frame_header(WsOpcode::kBinary, 125).view(), std::string_view("\x82\x7d", 2));
  EXPECT_EQ(ws_frame_header(WsOpcode::kText, 126).view(), std::string_view("\x81\x7e\x00\x7e", 4));
  EXPECT_EQ(ws_frame_header(WsOpcode::kText, 65535).view(), std::string_view("\x81\x7e\xff\xff", 4));
  EXPECT_EQ(ws_frame_header(WsOpcode::kText, 65536).view(),
            std::string_view("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
  EXPECT_EQ(ws_close_frame(1000), std::string("\x88\x02\x03\xe8", 4));
}

TEST(WsFrameReader, UnmasksTextAndBinaryMessages) {
  WsFrameReader reader(1000);
  std::vector<WsMessage> out;
  auto bytes = client_frame(0x81, "42[\"hi\"]") + client_frame(0x82, std::string("\x00\x01\x02", 3));
  EXPECT_FALSE(reader.feed(bytes, out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].opcode, WsOpcode::kText);
  EXPECT_EQ(out[0].payload, "42[\"hi\"]");
  EXPECT_EQ(out[1].opcode, WsOpcode::kBinary);
  EXPECT_EQ(out[1].payload, std::string("\x00\x01\x02", 3));
}

TEST(WsFrameReader, ReassemblesFramesSplitAtEveryByte) {
  std::string long_text(300, 'x');  // a 16-bit length
  auto bytes = client_frame(0x81, "3") + client_frame(0x81, long_text);
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    WsFrameReader reader(1000);
    std::vector<WsMessage> out;
    EXPECT_FALSE(reader.feed(std::string_view(bytes).substr(0, cut), out));
    EXPECT_FALSE(reader.feed(std::string_view(bytes).substr(cut), out));
    ASSERT_EQ(out.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(out[0].payload, "3");
    EXPECT_EQ(out[1].payload, long_text);
  }
}

TEST(WsFrameReader, JoinsFragmentsAroundControlFrames) {
  WsFrameReader reader(1000);
  std::vector<WsMessage> out;
  auto bytes =
      client_frame(0x01, "hel") + client_frame(0x89, "p") + client_frame(0x00, "lo ") + client_frame(0x80, "world");
  EXPECT_FALSE(reader.feed(bytes, out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].opcode, WsOpcode::kPing);
  EXPECT_EQ(out[0].payload, "p");
  EXPECT_EQ(out[1].opcode, WsOpcode::kText);
  EXPECT_EQ(out[1].payload, "hello world");
}

TEST(WsFrameReader, ReadsCloseCodes) {
  WsFrameReader reader(1000);
  std::vector<WsMessage> out;
  EXPECT_FALSE(reader.feed(client_frame(0x88, std::string("\x0f\xa0", 2) + "bye") + client_frame(0x88, ""), out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].opcode, WsOpcode::kClose);
  EXPECT_EQ(out[0].close_code, 4000);
  EXPECT_EQ(out[1].close_code, 1005);  // no status given
}

TEST(WsFrameReader, RefusesProtocolViolations) {
  auto violation = [](const std::string& bytes) {
    WsFrameReader reader(1000);
    std::vector<WsMessage> out;
    return reader.feed(bytes, out);
  };
  std::string unmasked("\x81\x02hi", 4);
  EXPECT_EQ(violation(unmasked), kWsCloseProtocolError);
  EXPECT_EQ(violation(client_frame(0xC1, "hi")), kWsCloseProtocolError);  // RSV1 without deflate
  EXPECT_EQ(violation(client_frame(0x83, "hi")), kWsCloseProtocolError);  // reserved opcode
  EXPECT_EQ(violation(client_frame(0x80, "hi")), kWsCloseProtocolError);  // continuation of nothing
  EXPECT_EQ(violation(client_frame(0x01, "a") + client_frame(0x81, "b")), kWsCloseProtocolError);
  EXPECT_EQ(violation(client_frame(0x09, "p")), kWsCloseProtocolError);  // fragmented control frame
  EXPECT_EQ(violation(client_frame(0x89, std::string(126, 'p'))), kWsCloseProtocolError);
  EXPECT_EQ(violation(client_frame(0x88, "x")), kWsCloseProtocolError);                         // half a status code
  EXPECT_EQ(violation(client_frame(0x88, std::string("\x03\xed", 2))), kWsCloseProtocolError);  // 1005
  EXPECT_EQ(violation(client_frame(0x81, "\xff\xfe")), kWsCloseInvalidPayload);
  EXPECT_EQ(violation(client_frame(0x81, std::string(1001, 'x'))), kWsCloseTooBig);
  EXPECT_EQ(violation(client_frame(0x01, std::string(600, 'x')) + client_frame(0x80, std::string(600, 'x'))),
            kWsCloseTooBig);
}

TEST(WsFrameReader, RefusesAnOversizedMessageBeforeItsBytesArrive) {
  WsFrameReader reader(1000);
  std::vector<WsMessage> out;
  std::string header("\x81\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10);  // 4 GiB declared, masked
  EXPECT_EQ(reader.feed(header, out), kWsCloseTooBig);
}

TEST(WsFrameReader, UtfEightMaySplitAcrossFragments) {
  WsFrameReader reader(1000);
  std::vector<WsMessage> out;
  std::string euro = "\xe2\x82\xac";
  EXPECT_FALSE(reader.feed(client_frame(0x01, euro.substr(0, 1)) + client_frame(0x80, euro.substr(1)), out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, euro);
}

}  // namespace
}  // namespace admit
