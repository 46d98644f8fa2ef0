#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/asio.hpp"
#include "http/http_pipeline.hpp"
#include "net/transport_hook.hpp"

namespace admit {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3000;
  std::chrono::seconds header_timeout{30};
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds idle_timeout{65};
  std::size_t header_limit = 16 * 1024;
  std::size_t max_connections = 20000;
};

// The listener and its HTTP/1.1 connections: one coroutine per connection on its own strand, with
// keep-alive, time limits on every read, header and body limits, and a graceful stop.
class HttpServer {
 public:
  // `hooks` (not owned, may be empty) take the requests under their paths instead of the pipeline.
  HttpServer(asio::io_context& io, HttpPipeline& pipeline, HttpServerOptions options,
             std::vector<TransportHook*> hooks = {});

  // Binds and starts accepting; returns the bound port (useful with port 0).
  std::uint16_t start();
  // Stops accepting, closes idle connections and lets busy ones finish their response.
  void stop();
  std::size_t open_connections() const { return open_.load(); }

 private:
  class Connection;

  Task<void> accept_loop();
  Task<void> serve(std::shared_ptr<Connection> connection);

  asio::io_context& io_;
  HttpPipeline& pipeline_;
  HttpServerOptions options_;
  std::vector<TransportHook*> hooks_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> open_{0};
  std::mutex connections_mutex_;
  std::set<std::shared_ptr<Connection>> connections_;
};

}  // namespace admit
