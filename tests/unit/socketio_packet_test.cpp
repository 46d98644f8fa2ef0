#include "realtime/socketio/socketio_packet.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

SioPacket event(Json data, std::string nsp = "/", std::optional<std::uint64_t> id = std::nullopt) {
  SioPacket p;
  p.type = SioPacketType::kEvent;
  p.nsp = std::move(nsp);
  p.id = id;
  p.data = std::move(data);
  return p;
}

Json bytes(std::initializer_list<std::uint8_t> b) { return Json::binary(std::vector<std::uint8_t>(b)); }

TEST(SocketIoEncode, WireExamplesOfTheSpecification) {
  SioPacket connect;
  connect.type = SioPacketType::kConnect;
  EXPECT_EQ(encode_sio_packet(connect).header, "0");
  connect.data = Json{{"token", "123"}};
  EXPECT_EQ(encode_sio_packet(connect).header, R"(0{"token":"123"})");
  connect.nsp = "/admin";
  connect.data = Json{{"sid", "oSO0"}};
  EXPECT_EQ(encode_sio_packet(connect).header, R"(0/admin,{"sid":"oSO0"})");

  SioPacket error;
  error.type = SioPacketType::kConnectError;
  error.nsp = "/random";
  error.data = Json{{"message", "Invalid namespace"}};
  EXPECT_EQ(encode_sio_packet(error).header, R"(4/random,{"message":"Invalid namespace"})");

  EXPECT_EQ(encode_sio_packet(event(Json::array({"hello", "Jude"}))).header, R"(2["hello","Jude"])");
  EXPECT_EQ(encode_sio_packet(event(Json::array({"bar"}), "/admin")).header, R"(2/admin,["bar"])");
  EXPECT_EQ(encode_sio_packet(event(Json::array({"foo"}), "/", 12)).header, R"(212["foo"])");

  SioPacket ack;
  ack.type = SioPacketType::kAck;
  ack.id = 12;
  ack.data = Json::array({"bar"});
  EXPECT_EQ(encode_sio_packet(ack).header, R"(312["bar"])");

  SioPacket disconnect;
  disconnect.type = SioPacketType::kDisconnect;
  EXPECT_EQ(encode_sio_packet(disconnect).header, "1");
  disconnect.nsp = "/admin";
  EXPECT_EQ(encode_sio_packet(disconnect).header, "1/admin,");
}

TEST(SocketIoEncode, BinaryBecomesPlaceholdersAndAttachments) {
  auto encoded = encode_sio_packet(event(Json::array({"baz", bytes({1, 2, 3})})));
  EXPECT_EQ(encoded.header, R"(51-["baz",{"_placeholder":true,"num":0}])");
  ASSERT_EQ(encoded.attachments.size(), 1u);
  EXPECT_EQ(encoded.attachments[0], std::string("\x01\x02\x03"));

  SioPacket ack;
  ack.type = SioPacketType::kAck;
  ack.nsp = "/admin";
  ack.id = 1;
  ack.data = Json::array({Json{{"a", bytes({9})}, {"b", bytes({})}}});
  auto encoded_ack = encode_sio_packet(ack);
  EXPECT_EQ(encoded_ack.header,
            R"(62-/admin,1[{"a":{"_placeholder":true,"num":0},"b":{"_placeholder":true,"num":1}}])");
  EXPECT_EQ(encoded_ack.attachments.size(), 2u);
}

TEST(SocketIoDecode, WireExamplesOfTheSpecification) {
  auto c = decode_sio_packet("0");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->type, SioPacketType::kConnect);
  EXPECT_EQ(c->nsp, "/");
  EXPECT_FALSE(c->data);

  auto auth = decode_sio_packet(R"(0{"token":"123"})");
  ASSERT_TRUE(auth);
  EXPECT_EQ((*auth->data)["token"], "123");

  auto custom = decode_sio_packet("0/custom");  // namespace without a trailing comma
  ASSERT_TRUE(custom);
  EXPECT_EQ(custom->nsp, "/custom");

  auto custom_auth = decode_sio_packet(R"(0/custom,{"a":1})");
  ASSERT_TRUE(custom_auth);
  EXPECT_EQ(custom_auth->nsp, "/custom");
  EXPECT_EQ((*custom_auth->data)["a"], 1);

  auto e = decode_sio_packet(R"(2/admin,12["foo",1])");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->type, SioPacketType::kEvent);
  EXPECT_EQ(e->nsp, "/admin");
  EXPECT_EQ(e->id, 12u);
  EXPECT_EQ(*e->data, Json::array({"foo", 1}));

  auto ack = decode_sio_packet(R"(312["bar"])");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->type, SioPacketType::kAck);
  EXPECT_EQ(ack->id, 12u);

  auto empty_ack = decode_sio_packet("31[]");
  ASSERT_TRUE(empty_ack);
  EXPECT_TRUE(empty_ack->data->empty());

  auto d = decode_sio_packet("1/admin,");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->type, SioPacketType::kDisconnect);
  EXPECT_EQ(d->nsp, "/admin");

  auto err = decode_sio_packet(R"(4{"message":"no"})");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->type, SioPacketType::kConnectError);
  EXPECT_TRUE(decode_sio_packet(R"(4"plain text")"));

  auto numeric = decode_sio_packet("2[42]");  // numeric event names are allowed
  ASSERT_TRUE(numeric);
}

TEST(SocketIoDecode, BinaryHeadersAndReconstruction) {
  auto p = decode_sio_packet(R"(451-["baz",{"_placeholder":true,"num":0}])");
  EXPECT_FALSE(p);  // "4" is CONNECT_ERROR and "51-" is no JSON: this is the Engine.IO form
  auto b = decode_sio_packet(R"(51-["baz",{"_placeholder":true,"num":0}])");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->type, SioPacketType::kBinaryEvent);
  EXPECT_EQ(b->attachments, 1u);
  auto data = reconstruct_sio_binary(*b->data, {std::string("\x07\x08")});
  ASSERT_TRUE(data);
  ASSERT_TRUE((*data)[1].is_binary());
  EXPECT_EQ((*data)[1].get_binary().size(), 2u);

  auto back = decode_sio_packet(R"(61-/admin,1[{"_placeholder":true,"num":0}])");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->type, SioPacketType::kBinaryAck);
  EXPECT_EQ(back->nsp, "/admin");
  EXPECT_EQ(back->id, 1u);
  EXPECT_EQ(back->attachments, 1u);
}

TEST(SocketIoDecode, RoundTripsThroughTheEncoder) {
  auto original = event(Json::array({"msg", Json{{"k", bytes({1, 2})}}, 3}), "/custom", 77);
  auto encoded = encode_sio_packet(original);
  auto decoded = decode_sio_packet(encoded.header);
  ASSERT_TRUE(decoded);
  auto data = reconstruct_sio_binary(*decoded->data, encoded.attachments);
  ASSERT_TRUE(data);
  EXPECT_EQ(*data, *original.data);
  EXPECT_EQ(decoded->nsp, "/custom");
  EXPECT_EQ(decoded->id, 77u);
}

TEST(SocketIoDecode, RefusesMalformedPackets) {
  for (const char* text : {
           "",                          // nothing
           "7",                         // unknown type
           "abc",                       // unknown type
           "2{}",                       // event payload is not an array
           "2[]",                       // event without a name
           "2",                         // event without a payload
           "2[{}]",                     // the name is not a string or number
           R"(2["connect"])",           // a reserved name
           R"(2["disconnecting"])",     // a reserved name
           "2abc[\"a\"]",               // bad ack id
           "2[\"a\"",                   // truncated JSON
           R"(2["a"]x)",                // trailing garbage
           "1{}",                       // a disconnect carries nothing
           "0[]",                       // connect auth must be an object
           R"(0"token")",               // connect auth must be an object
           "3[]",                       // ack without an id
           "31",                        // ack without payload
           "31{}",                      // ack payload is not an array
           "4[1]",                      // connect error neither string nor object
           R"(5["a"])",                 // binary without the attachment count
           R"(5-["a"])",                // empty attachment count
           R"(5x-["a"])",               // non-numeric attachment count
           R"(511-["a"])",              // more attachments than allowed
           R"(51["a"])",                // count without the dash
           "21234567890123456[\"a\"]",  // ack id too large
       }) {
    auto p = decode_sio_packet(text);
    EXPECT_FALSE(p) << "accepted: " << text;
    if (!p) {
      EXPECT_FALSE(p.error().empty());
    }
  }
}

TEST(SocketIoDecode, RefusesDanglingPlaceholders) {
  EXPECT_FALSE(reconstruct_sio_binary(Json::parse(R"([{"_placeholder":true,"num":1}])"), {"x"}));
  EXPECT_FALSE(reconstruct_sio_binary(Json::parse(R"([{"_placeholder":true,"num":-1}])"), {"x"}));
  EXPECT_FALSE(reconstruct_sio_binary(Json::parse(R"([{"_placeholder":true}])"), {"x"}));
  EXPECT_TRUE(reconstruct_sio_binary(Json::parse(R"([{"_placeholder":false}])"), {}));
}

}  // namespace
}  // namespace admit
