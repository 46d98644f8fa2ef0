#include "app/commands.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fstream>
#include <thread>

#include "api/dev_api.hpp"
#include "api/docs_api.hpp"
#include "api/metrics_api.hpp"
#include "api/resource_apis.hpp"
#include "app/access_control.hpp"
#include "app/data_dir_lock.hpp"
#include "app/demo_event.hpp"
#include "app/disk_space.hpp"
#include "app/fan_out_event_sink.hpp"
#include "app/file_limit.hpp"
#include "app/metrics_server.hpp"
#include "app/observability.hpp"
#include "app/periodic_backup.hpp"
#include "app/request_protection.hpp"
#include "app/scheduler_runner.hpp"
#include "app/sodium_random.hpp"
#include "app/storage_now.hpp"
#include "app/system_clock.hpp"
#include "app/web_root.hpp"
#include "domain/event_sink.hpp"
#include "http/db_call.hpp"
#include "net/http_server.hpp"
#include "realtime/engineio/engine_server.hpp"
#include "realtime/realtime_gateway.hpp"
#include "realtime/socketio/sio_server.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

namespace admit {
namespace {

// Until realtime subscribers exist, committed events are only traced.
class LogEventSink : public EventSink {
 public:
  void publish(const DomainEvent& event) override {
    if (auto* change = std::get_if<SessionStatusChanged>(&event)) {
      spdlog::info("session \"{}\" {} -> {} ({})", change->session_name, to_string(change->previous_status),
                   to_string(change->new_status), change->reason);
    }
  }
};

// Everything a running admit owns, built in dependency order.
struct Services {
  explicit Services(const Config& config, EventSink* sink, WriteObserver* observer = nullptr)
      : ids(clock, random),
        qr_codes(random),
        sessions(ids),
        participants(ids, qr_codes),
        registrations(ids),
        check_ins(ids),
        db(SqliteOptions{config.database_file(), 2, 512, sink, observer}) {}

  SystemClock clock;
  SodiumRandom random;
  ObjectIdGenerator ids;
  QrCodeGenerator qr_codes;
  SessionService sessions;
  ParticipantService participants;
  RegistrationService registrations;
  CheckInService check_ins;
  SqliteDatabase db;
};

// Runs a storage job synchronously (start-up and command-line use, never on an I/O thread).
// Not through a temporary io_context: the writer thread is still inside asio::post (signalling
// the context's condition variable) when run() may already have returned, so destroying the
// context there was a use-after-free (ThreadSanitizer, scripts/sanitize.sh tsan).
template <class F>
auto run_now(Database& db, F fn) {
  return storage_now(db, true, std::move(fn));
}

void ensure_settings(Database& db, const TimingSettings& defaults) {
  run_now(db, [&](UnitOfWork& uow) {
    if (!uow.settings().load_timing()) uow.settings().save_timing(defaults);
    return true;
  });
}

int data_error(const std::exception& e, const Config& config) {
  spdlog::critical("cannot use data file {}: {}", config.database_file().string(), e.what());
  return kExitData;
}

}  // namespace

bool prepare_data_dir(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    spdlog::critical("cannot create data directory {}: {}", config.data_dir.string(), ec.message());
    return false;
  }
  return true;
}

std::optional<DataDirLock> lock_data_dir(const Config& config, std::string_view command, std::string_view advice,
                                         int& exit_code) {
  std::string holder;
  std::optional<DataDirLock> lock;
  try {
    lock = DataDirLock::try_acquire(config.data_dir, holder);
  } catch (const std::exception& e) {
    spdlog::critical("{}: {}", command, e.what());
    exit_code = kExitData;
    return std::nullopt;
  }
  if (!lock) {
    spdlog::critical("{}: data directory {} is in use by {}; {}", command, config.data_dir.string(), holder, advice);
    exit_code = kExitInUse;
  }
  return lock;
}

int run_migrate(const Config& config) {
  if (!prepare_data_dir(config)) return kExitData;
  // A server holds prepared statements for the schema it started with; change it only when none runs.
  int refused = kExitOk;
  auto lock = lock_data_dir(config, "migrate", "stop the server first (nothing was changed)", refused);
  if (!lock) return refused;
  try {
    SqliteConnection db(config.database_file(), SqliteConnection::Mode::kReadWrite);
    int before = schema_version(db);
    int applied = migrate(db);
    spdlog::info("schema at version {} (was {}, applied {})", latest_schema_version(), before, applied);
    return kExitOk;
  } catch (const StorageError& e) {
    return data_error(e, config);
  }
}

int run_demo(const Config& config, bool force) {
  if (!prepare_data_dir(config)) return kExitData;
  try {
    Services s(config, nullptr);
    ensure_settings(s.db, config.timing);
    auto summary = run_now(s.db, [&](UnitOfWork& uow) -> std::optional<DemoSummary> {
      if (!force && !store_is_empty(uow)) return std::nullopt;
      return seed_demo_event(uow, s.sessions, s.participants, s.registrations, s.clock.now());
    });
    if (!summary) {
      spdlog::error("the store in {} already holds data; use --force to add the demo event anyway",
                    config.data_dir.string());
      return kExitFailure;
    }
    spdlog::info("demo event seeded: {} sessions, {} participants, {} registrations", summary->sessions,
                 summary->participants, summary->registrations);
    return kExitOk;
  } catch (const StorageError& e) {
    return data_error(e, config);
  }
}

int run_serve(const Config& config) {
  if (!prepare_data_dir(config)) return kExitData;
  // One server per data directory: a second one would share the SQLite file's writer lock and
  // interleave its scheduler with ours; `admit restore` and `admit migrate` check the same lock.
  int refused = kExitOk;
  auto lock = lock_data_dir(config, "serve", "one server per data directory", refused);
  if (!lock) return refused;
  if (auto files = raise_open_file_limit(); files.after < 4096) {
    spdlog::warn("only {} open files allowed (ulimit -n): that caps concurrent connections; raise the hard limit",
                 files.after);
  }
  LogEventSink log_sink;
  FanOutEventSink sink;
  sink.add(&log_sink);
  Observability observability(config);
  sink.add(&observability.check_in_events());
  std::unique_ptr<Services> owned;
  try {
    owned = std::make_unique<Services>(config, &sink, &observability.storage_observer());
    ensure_settings(owned->db, config.timing);
  } catch (const StorageError& e) {
    return data_error(e, config);
  }
  Services& s = *owned;
  if (config.seed_demo) {
    auto summary = run_now(s.db, [&](UnitOfWork& uow) -> std::optional<DemoSummary> {
      if (!store_is_empty(uow)) return std::nullopt;
      return seed_demo_event(uow, s.sessions, s.participants, s.registrations, s.clock.now());
    });
    if (summary)
      spdlog::info("empty store: seeded the demo event ({} sessions, {} participants)", summary->sessions,
                   summary->participants);
  }

  // By default one core is left to the storage threads (writer and readers): on a 2-core machine
  // one I/O thread serves more requests than two that compete with them (docs/performance.md).
  int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  int threads = config.threads > 0 ? config.threads : std::max(1, cores - 1);
  asio::io_context io(threads);
  asio::thread_pool workers(2);
  ApiContext api{s.db,        s.clock,        workers,
                 s.sessions,  s.participants, s.registrations,
                 s.check_ins, s.clock.now(),  config.database_file().filename().string()};

  Router router;
  ResourceApis resources(api);
  DevApi dev_api(api, config.timing, [&s](std::optional<TimePoint> t) { s.clock.pin(t); });
  resources.register_routes(router);
  MetricsApi metrics_api(api, observability.registry());
  metrics_api.register_routes(router);
  DocsApi docs_api;
  docs_api.register_routes(router);
  if (config.dev_reset) {
    dev_api.register_reset(router);
    spdlog::warn("--dev-reset: POST /api/v1/_dev/reset deletes all data; never use this on an event");
  }
  if (config.test_hooks) dev_api.register_test_hooks(router);

  // Accounts and sign-in routes, then every route gets its least role from the policy table.
  AccessControl access(config, api, s.ids, s.random);
  access.register_routes(router);
  access.apply_policy(router);
  // Rate limits, Idempotency-Key, CORS and security headers (once every route exists).
  RequestProtection protection(config, router, s.db, s.clock);

  HttpPipeline pipeline(router, s.clock, s.random);
  pipeline.set_authenticator(&access.authenticator());
  pipeline.set_guards(protection.guards());
  StaticSite site(resolve_web_root(config.web_root));
  pipeline.set_static_site(&site);
  // Socket.IO shares the port at /socket.io/; committed events reach its /realtime namespace.
  SioServer sio(s.random);
  RealtimeGateway realtime(sio, s.db, io, s.clock);
  access.guard(sio.of("/realtime"));
  EngineOptions engine_options;
  engine_options.cors = &protection.cors();
  EngineServer engine(io, s.random, engine_options,
                      [&sio](const std::shared_ptr<EngineSession>& session) { return sio.accept(session); });
  sink.add(&realtime);
  HttpServer server(io, pipeline, HttpServerOptions{config.host, config.port}, {&engine});
  observability.attach(pipeline);
  observability.gauges().add("admit_http_open_connections",
                             "Open HTTP connections of the API port (WebSockets included).",
                             [&server] { return static_cast<double>(server.open_connections()); });
  observability.gauges().add("admit_realtime_connections",
                             "Open Engine.IO sessions (Socket.IO clients), any transport.",
                             [&engine] { return static_cast<double>(engine.session_count()); });
  std::optional<MetricsServer> metrics_server;
  if (!config.metrics_address.empty()) {
    metrics_server.emplace(io, metrics_api, s.clock, s.random, *parse_host_port(config.metrics_address));
  }
  // Taken over before the port is announced: a SIGTERM right after start-up (a supervisor, a test)
  // is queued for the handler below instead of killing the process without a clean stop.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::uint16_t port = 0;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    spdlog::critical("cannot listen on {}:{}: {}", config.host, config.port, e.what());
    return kExitConfig;
  }
  spdlog::info("admit {} listening on http://{}:{} (data in {})", ADMIT_VERSION, config.host, port,
               config.data_dir.string());
  std::uint16_t metrics_port = 0;
  if (metrics_server) {
    try {
      metrics_port = metrics_server->start();
    } catch (const std::exception& e) {
      spdlog::critical("cannot listen on {} (--metrics-address): {}", config.metrics_address, e.what());
      return kExitConfig;
    }
    spdlog::info("metrics for Prometheus at http://{}:{}/metrics", parse_host_port(config.metrics_address)->host,
                 metrics_port);
  }
  if (!config.port_file.empty()) {
    // The metrics port, when there is a listener, on the second line (tests).
    std::ofstream out(config.port_file);
    out << port << '\n';
    if (metrics_server) out << metrics_port << '\n';
  }

  SchedulerRunner scheduler(io, s.db, s.clock);
  scheduler.start();
  access.start(io, config.host, port);

  BackupStatus backup_status;
  std::optional<PeriodicBackup> backups;
  if (config.backup_interval_minutes > 0) {
    backups.emplace(PeriodicBackupOptions{config.database_file(), config.backup_directory(),
                                          std::chrono::minutes(config.backup_interval_minutes), config.backup_keep},
                    backup_status);
    backups->start();
    observability.gauges().add("admit_backup_last_success_timestamp_seconds",
                               "When the last periodic backup succeeded (Unix time; 0: none yet).", [&backup_status] {
                                 return static_cast<double>(backup_status.last_success_unix_seconds);
                               });
    observability.gauges().add("admit_backup_interval_seconds", "The configured period of the periodic backups.",
                               [&config] { return config.backup_interval_minutes * 60.0; });
    observability.gauges().add("admit_backup_failures", "Periodic backups that failed since the start.",
                               [&backup_status] { return static_cast<double>(backup_status.failures); });
  }
  // The data directory's filesystem: SQLite answers "disk full" only once it is too late.
  observability.gauges().add("admit_storage_free_bytes", "Free space on the data directory's filesystem.",
                             [&config] { return static_cast<double>(disk_space(config.data_dir).free_bytes); });
  observability.gauges().add("admit_storage_capacity_bytes", "Size of the data directory's filesystem.",
                             [&config] { return static_cast<double>(disk_space(config.data_dir).capacity_bytes); });

  asio::steady_timer drain(io);
  auto deadline = std::chrono::steady_clock::now();
  std::function<void()> wait_for_drain = [&] {
    if (server.open_connections() == 0 || std::chrono::steady_clock::now() > deadline) {
      io.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](const beast::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const beast::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {}: stopping (finishing requests in flight)", signal);
    scheduler.stop();
    access.stop();
    server.stop();
    if (metrics_server) metrics_server->stop();
    deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    wait_for_drain();
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i)
    pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool)
    t.join();
  workers.join();
  if (backups) backups->stop();
  sink.remove(&realtime);
  s.db.shutdown();
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace admit
