#include "realtime/socketio/sio_namespace.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <stdexcept>

#include "realtime/engineio/engine_session.hpp"

namespace admit {
namespace {

// Frames a socket has queued, as text.
std::vector<std::string> queued(EngineSession& engine) {
  std::vector<EngineSession::Outbound> out;
  engine.take_outbound(out);
  std::vector<std::string> frames;
  for (const auto& o : out)
    frames.push_back(*o.bytes);
  return frames;
}

class SioNamespaceTest : public ::testing::Test {
 protected:
  asio::io_context io_;
  EngineOptions options_;
  SioNamespace nsp_{"/realtime"};
  std::shared_ptr<EngineSession> engine_ =
      std::make_shared<EngineSession>(io_, "sid", EngineSession::Transport::kWebSocket, options_);
  std::shared_ptr<SioSocket> socket_ = std::make_shared<SioSocket>("socket-1", nsp_, engine_, Json::object());
};

TEST_F(SioNamespaceTest, AFailingHandlerReachesTheErrorHandlerAndTheSocketLives) {
  nsp_.on("boom",
          [](const std::shared_ptr<SioSocket>&, Json, const SioNamespace::Ack&) { throw std::runtime_error("bug"); });
  std::string failed_event;
  Json failed_args;
  nsp_.on_error([&](const std::shared_ptr<SioSocket>& s, const std::string& event, const Json& args) {
    failed_event = event;
    failed_args = args;
    s->emit("exception", Json::array({event}));
  });
  nsp_.add(socket_);
  nsp_.dispatch(socket_, "boom", Json::array({Json{{"k", 1}}}), {});
  EXPECT_EQ(failed_event, "boom");
  EXPECT_EQ(failed_args, Json::array({Json{{"k", 1}}}));
  EXPECT_EQ(queued(*engine_), std::vector<std::string>{R"(42/realtime,["exception","boom"])"});
  EXPECT_EQ(nsp_.size(), 1u);
}

TEST_F(SioNamespaceTest, WithoutAnErrorHandlerAFailingHandlerIsOnlyLogged) {
  nsp_.on("boom",
          [](const std::shared_ptr<SioSocket>&, Json, const SioNamespace::Ack&) { throw std::runtime_error("bug"); });
  nsp_.add(socket_);
  EXPECT_NO_THROW(nsp_.dispatch(socket_, "boom", Json::array(), {}));
  EXPECT_TRUE(queued(*engine_).empty());
}

TEST_F(SioNamespaceTest, ABroadcastSharesOneFrameAndTheWriterTakesEverythingAtOnce) {
  auto engine2 = std::make_shared<EngineSession>(io_, "sid2", EngineSession::Transport::kWebSocket, options_);
  auto socket2 = std::make_shared<SioSocket>("socket-2", nsp_, engine2, Json::object());
  nsp_.add(socket_);
  nsp_.add(socket2);
  socket_->join("sessions");
  socket2->join("sessions");
  nsp_.broadcast_to("sessions", "a", Json::array({1}));
  nsp_.broadcast_to("sessions", "b", Json::array({2}));
  std::vector<EngineSession::Outbound> one, two;
  ASSERT_TRUE(engine_->take_outbound(one));
  ASSERT_TRUE(engine2->take_outbound(two));
  ASSERT_EQ(one.size(), 2u);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(*one[0].bytes, R"(42/realtime,["a",1])");
  EXPECT_EQ(*one[1].bytes, R"(42/realtime,["b",2])");
  EXPECT_EQ(one[0].bytes.get(), two[0].bytes.get());  // encoded once, shared
  EXPECT_FALSE(engine_->take_outbound(one));          // drained: the writer is now idle
}

}  // namespace
}  // namespace admit
