#include "app/sio_echo.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <fstream>

#include "app/commands.hpp"
#include "app/sodium_random.hpp"
#include "app/system_clock.hpp"
#include "http/http_pipeline.hpp"
#include "net/http_server.hpp"
#include "realtime/engineio/engine_server.hpp"
#include "realtime/socketio/sio_server.hpp"

namespace admit {
namespace {

// Sends every message back as it came (text or binary).
class EchoListener : public EngineListener {
 public:
  explicit EchoListener(std::weak_ptr<EngineSession> session) : session_(std::move(session)) {}
  void on_message(EioPacket packet) override {
    if (auto s = session_.lock()) s->send(packet);
  }
  void on_close(std::string_view) override {}

 private:
  std::weak_ptr<EngineSession> session_;
};

EngineOptions conformance_options(std::string path) {
  EngineOptions options;
  options.path = std::move(path);
  options.ping_interval = std::chrono::milliseconds(300);
  options.ping_timeout = std::chrono::milliseconds(200);
  options.max_payload = 1'000'000;
  return options;
}

void emit_auth(const std::shared_ptr<SioSocket>& socket) { socket->emit("auth", Json::array({socket->auth()})); }

}  // namespace

int run_sio_echo(const std::string& host, std::uint16_t port, const std::string& port_file) {
  asio::io_context io(1);
  SodiumRandom random;
  SystemClock clock;

  EngineServer engine(io, random, conformance_options("/engine.io/"),
                      [](const std::shared_ptr<EngineSession>& s) { return std::make_shared<EchoListener>(s); });

  SioServer sio(random, std::chrono::milliseconds(1000));
  auto& root = sio.of("/");
  root.on_connection(emit_auth);
  root.on("message", [](const std::shared_ptr<SioSocket>& socket, Json args, const SioNamespace::Ack&) {
    socket->emit("message-back", std::move(args));
  });
  root.on("message-with-ack", [](const std::shared_ptr<SioSocket>&, Json args, const SioNamespace::Ack& ack) {
    if (ack) ack(std::move(args));
  });
  sio.of("/custom").on_connection(emit_auth);
  EngineServer socketio(io, random, conformance_options("/socket.io/"),
                        [&sio](const std::shared_ptr<EngineSession>& s) { return sio.accept(s); });

  Router router;  // nothing else is served: every other path is a 404
  HttpPipeline pipeline(router, clock, random);
  HttpServer server(io, pipeline, HttpServerOptions{host, port}, {&engine, &socketio});
  std::uint16_t bound = 0;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    spdlog::critical("cannot listen on {}:{}: {}", host, port, e.what());
    return kExitConfig;
  }
  spdlog::info("sio-echo listening on http://{}:{} (/engine.io/ and /socket.io/)", host, bound);
  if (!port_file.empty()) std::ofstream(port_file) << bound << '\n';

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code& ec, int) {
    if (ec) return;
    server.stop();
    io.stop();
  });
  io.run();
  return kExitOk;
}

}  // namespace admit
