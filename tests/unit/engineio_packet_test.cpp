#include "realtime/engineio/engineio_packet.hpp"

#include <gtest/gtest.h>

#include "realtime/engineio/base64.hpp"

namespace admit {
namespace {

TEST(Base64, RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 20; ++n) {
    auto encoded = base64_encode(bytes);
    EXPECT_EQ(encoded.size() % 4, 0u);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes);
    bytes += static_cast<char>(n * 37 + 200);
  }
}

TEST(Base64, KnownVectors) {
  EXPECT_EQ(base64_encode("\x01\x02\x03\x04"), "AQIDBA==");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_decode("Zm9vYg").value(), "foob");  // unpadded
  EXPECT_EQ(base64_decode("").value(), "");
}

TEST(Base64, RefusesGarbage) {
  EXPECT_FALSE(base64_decode("a"));      // a lone sextet is not a byte
  EXPECT_FALSE(base64_decode("ab$d"));   // bad character
  EXPECT_FALSE(base64_decode("ab=d"));   // padding in the middle
  EXPECT_FALSE(base64_decode("abc=="));  // padded but not a multiple of four
  EXPECT_FALSE(base64_decode("QQ=x"));   // junk after padding
  EXPECT_FALSE(base64_decode("QR=="));   // non-zero bits after the last byte
}

TEST(EngineIoPacket, EncodesEveryType) {
  EXPECT_EQ(encode_eio_packet({EioPacketType::kOpen, R"({"sid":"x"})"}), R"(0{"sid":"x"})");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kClose, ""}), "1");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kPing, ""}), "2");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kPong, "probe"}), "3probe");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kMessage, "hello"}), "4hello");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kUpgrade, ""}), "5");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kNoop, ""}), "6");
  EXPECT_EQ(encode_eio_packet({EioPacketType::kMessage, std::string("\x01\x02\x03\x04"), true}), "bAQIDBA==");
}

TEST(EngineIoPacket, DecodesEveryType) {
  for (int t = 0; t <= 6; ++t) {
    std::string text = std::to_string(t) + "data";
    auto p = decode_eio_packet(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(static_cast<int>(p->type), t);
    EXPECT_EQ(p->data, "data");
    EXPECT_FALSE(p->binary);
  }
  auto probe = decode_eio_packet("2probe");
  ASSERT_TRUE(probe);
  EXPECT_EQ(probe->type, EioPacketType::kPing);
  EXPECT_EQ(probe->data, "probe");
}

TEST(EngineIoPacket, DecodesBase64Binary) {
  auto p = decode_eio_packet("bAQIDBA==");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->type, EioPacketType::kMessage);
  EXPECT_TRUE(p->binary);
  EXPECT_EQ(p->data, std::string("\x01\x02\x03\x04"));
  EXPECT_TRUE(decode_eio_packet("b"));  // an empty buffer
}

TEST(EngineIoPacket, RefusesMalformed) {
  EXPECT_FALSE(decode_eio_packet(""));
  EXPECT_FALSE(decode_eio_packet("7"));
  EXPECT_FALSE(decode_eio_packet("9hello"));
  EXPECT_FALSE(decode_eio_packet("abc"));
  EXPECT_FALSE(decode_eio_packet("b!!!"));
  EXPECT_FALSE(decode_eio_packet(std::string_view("\0", 1)));
  EXPECT_FALSE(decode_eio_packet("\xff"));
  EXPECT_EQ(decode_eio_packet("").error(), "empty packet");
}

TEST(EngineIoPacket, BinaryFrameIsAMessage) {
  auto p = decode_eio_binary_frame(std::string_view("\x00\x01", 2));
  EXPECT_EQ(p.type, EioPacketType::kMessage);
  EXPECT_TRUE(p.binary);
  EXPECT_EQ(p.data.size(), 2u);
}

TEST(EngineIoPayload, JoinsWithRecordSeparator) {
  std::vector<EioPacket> packets = {{EioPacketType::kMessage, "hello"},
                                    {EioPacketType::kPing, ""},
                                    {EioPacketType::kMessage, std::string("\x01\x02\x03\x04"), true},
                                    {EioPacketType::kMessage, "world"}};
  EXPECT_EQ(encode_eio_payload(packets),
            "4hello\x1e"
            "2\x1e"
            "bAQIDBA==\x1e"
            "4world");
  EXPECT_EQ(encode_eio_payload({}), "");
}

TEST(EngineIoPayload, SplitsOnRecordSeparator) {
  auto decoded = decode_eio_payload(
      "4hello\x1e"
      "2\x1e"
      "bAQIDBA==\x1e"
      "4world");
  ASSERT_TRUE(decoded);
  ASSERT_EQ(decoded->size(), 4u);
  EXPECT_EQ((*decoded)[0], (EioPacket{EioPacketType::kMessage, "hello"}));
  EXPECT_EQ((*decoded)[1].type, EioPacketType::kPing);
  EXPECT_TRUE((*decoded)[2].binary);
  EXPECT_EQ((*decoded)[3].data, "world");
  auto single = decode_eio_payload("40");
  ASSERT_TRUE(single);
  EXPECT_EQ(single->size(), 1u);
  EXPECT_EQ(single->front().data, "0");
}

TEST(EngineIoPayload, RoundTrips) {
  std::vector<EioPacket> packets = {{EioPacketType::kMessage, "2[\"a\"]"}, {EioPacketType::kMessage, "x", true}};
  auto decoded = decode_eio_payload(encode_eio_payload(packets));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, packets);
}

TEST(EngineIoPayload, RefusesMalformed) {
  EXPECT_FALSE(decode_eio_payload(""));
  EXPECT_FALSE(decode_eio_payload("abc"));
  EXPECT_FALSE(decode_eio_payload("4a\x1e"));  // empty trailing record
  EXPECT_FALSE(
      decode_eio_payload("\x1e"
                         "4a"));  // empty leading record
  EXPECT_FALSE(
      decode_eio_payload("4a\x1e\x1e"
                         "4b"));
  EXPECT_FALSE(
      decode_eio_payload("4a\x1e"
                         "b%%"));
  EXPECT_FALSE(
      decode_eio_payload("4a\x1e"
                         "8"));
}

}  // namespace
}  // namespace admit
