// The HTTP request path without sockets: raw bytes go through Beast's request parser with the
// server's header limit and per-route body limits (net/http_server.cpp), then through
// HttpPipeline::handle with every resource's routes (as `admit serve` registers them, minus the
// dev and auth routes) over a throwaway SQLite store. Several pipelined requests may share one
// input, as on a keep-alive connection. Every answer must be a well-formed HTTP response.
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/resource_apis.hpp"
#include "app/storage_now.hpp"
#include "http/http_pipeline.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace admit {
namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;  // HttpServerOptions::header_limit
constexpr int kMaxRequestsPerInput = 4;

// "2026-01-15T09:00:00.000Z": time is fixed so that an input behaves the same on every run.
class FixedClock : public Clock {
 public:
  TimePoint now() const override { return from_unix_ms(1768467600000); }
};

class CountingRandom : public RandomSource {
 public:
  std::uint64_t next_u64() override { return state_ += 0x9e3779b97f4a7c15ULL; }

 private:
  std::uint64_t state_ = 1;
};

std::filesystem::path scratch_directory() {
  std::filesystem::path base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : std::filesystem::temp_directory_path();
  std::string dir = (base / "admit-http-fuzz-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) std::abort();
  return dir;
}

// The server's services and routes, built once for the whole run.
struct Server {
  Server()
      : dir(scratch_directory()),
        ids(clock, random),
        qr_codes(random),
        sessions(ids),
        participants(ids, qr_codes),
        registrations(ids),
        check_ins(ids),
        db(SqliteOptions{dir / "admit.db", 1, 64, nullptr}),
        workers(1),
        api{db, clock, workers, sessions, participants, registrations, check_ins, clock.now(), "admit.db"},
        resources(api),
        pipeline(router, clock, random) {
    resources.register_routes(router);
    // The timing settings row exists before the first request, as ensure_settings() makes sure.
    storage_now(db, true, [](UnitOfWork& uow) {
      if (!uow.settings().load_timing()) uow.settings().save_timing(TimingSettings{});
      return true;
    });
  }
  ~Server() {
    workers.join();
    db.shutdown();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  std::filesystem::path dir;
  FixedClock clock;
  CountingRandom random;
  ObjectIdGenerator ids;
  QrCodeGenerator qr_codes;
  SessionService sessions;
  ParticipantService participants;
  RegistrationService registrations;
  CheckInService check_ins;
  SqliteDatabase db;
  asio::thread_pool workers;
  ApiContext api;
  ResourceApis resources;
  Router router;
  HttpPipeline pipeline;
  // One context for the whole run: the storage threads post completions into it and may still be
  // inside post() when run() returns, so it must outlive every request (see app/commands.cpp).
  asio::io_context io;
};

Server& server() {
  static auto* s = new Server();  // lives until exit: the storage threads must not be torn down mid-run
  return *s;
}

void check(const HttpResponse& response) {
  int status = response.result_int();
  if (status < 200 || status > 599) std::abort();
  // Whatever a client sends, a 500 means admit failed to tell it what was wrong.
  if (status == 500) std::abort();
  if (response["X-Request-Id"].empty()) std::abort();
}

HttpResponse run(asio::io_context& io, HttpPipeline& pipeline, const HttpRequest& request) {
  io.restart();
  std::optional<HttpResponse> out;
  asio::co_spawn(
      io, [&]() -> Task<void> { out.emplace(co_await pipeline.handle(request, "127.0.0.1")); },
      [](std::exception_ptr e) {
        if (e) std::abort();  // handle() turns every failure into a response
      });
  io.run();
  if (!out) std::abort();
  return std::move(*out);
}

}  // namespace
}  // namespace admit

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace admit;
  Server& s = server();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int n = 0; n < kMaxRequestsPerInput && !input.empty(); ++n) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(kHeaderLimit));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.eager(false);
    beast::error_code ec;
    std::size_t used = parser.put(asio::buffer(input.data(), input.size()), ec);
    while (!ec && !parser.is_header_done() && used > 0 && used < input.size()) {
      input.remove_prefix(used);
      used = parser.put(asio::buffer(input.data(), input.size()), ec);
    }
    if (ec == bhttp::error::header_limit) {
      HttpRequest partial;
      check(s.pipeline.refusal(ErrorKind::kPayloadTooLarge, "Request headers too large", partial));
      return 0;
    }
    if (ec || !parser.is_header_done()) return 0;  // garbage or incomplete: the server hangs up
    input.remove_prefix(used);

    const auto& header = parser.get();
    std::size_t limit = s.pipeline.body_limit(header.method(), header.target());
    auto declared = parser.content_length();
    if (declared && *declared > limit) {
      check(s.pipeline.refusal(ErrorKind::kPayloadTooLarge, "request entity too large", parser.get()));
      return 0;
    }
    parser.body_limit(limit);
    parser.eager(true);
    while (!parser.is_done()) {
      if (input.empty()) {
        parser.put_eof(ec);
        break;
      }
      used = parser.put(asio::buffer(input.data(), input.size()), ec);
      if (ec == bhttp::error::need_more) ec = {};
      if (ec || used == 0) break;
      input.remove_prefix(used);
    }
    if (ec == bhttp::error::body_limit) {
      check(s.pipeline.refusal(ErrorKind::kPayloadTooLarge, "request entity too large", parser.get()));
      return 0;
    }
    if (ec || !parser.is_done()) return 0;
    HttpRequest request = parser.release();
    HttpResponse response = run(s.io, s.pipeline, request);
    check(response);
    response.prepare_payload();
    if (!request.keep_alive()) break;
  }
  return 0;
}
