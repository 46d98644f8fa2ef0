#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/json_log_formatter.hpp"

int main(int argc, char** argv) {
  admit::Config config;
  bool force = false;

  CLI::App app{"admit: event registration and check-in"};
  app.require_subcommand(1);
  app.set_version_flag("--version", ADMIT_VERSION);

  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--data", config.data_dir, "Data directory (SQLite store)")->envname("ADMIT_DATA");
    cmd->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("ADMIT_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    cmd->add_option("--late-threshold-minutes", config.timing.late_threshold_minutes,
                    "Initial late threshold of a new store")
        ->envname("ADMIT_LATE_THRESHOLD_MINUTES");
    cmd->add_option("--auto-open-minutes-before", config.timing.auto_open_minutes_before,
                    "Initial auto-open window of a new store")
        ->envname("ADMIT_AUTO_OPEN_MINUTES_BEFORE");
    cmd->add_option("--auto-end-grace-minutes", config.timing.auto_end_grace_minutes,
                    "Initial auto-end grace of a new store")
        ->envname("ADMIT_AUTO_END_GRACE_MINUTES");
    cmd->add_option("--scheduler-interval-ms", config.timing.scheduler_interval_ms, "Scheduler period")
        ->envname("ADMIT_SCHEDULER_INTERVAL_MS");
  };

  auto* serve = app.add_subcommand("serve", "Run the HTTP server");
  add_common(serve);
  serve->add_option("--host", config.host, "Address to listen on")->envname("ADMIT_HOST");
  serve->add_option("--port", config.port, "Port to listen on (0: any free port)")->envname("ADMIT_PORT");
  serve->add_option("--threads", config.threads, "I/O threads (0: one per core, less one for storage)")
      ->envname("ADMIT_THREADS");
  serve->add_flag("--dev-reset", config.dev_reset, "Expose POST /api/v1/_dev/reset (deletes all data)")
      ->envname("ADMIT_DEV_RESET");
  serve->add_flag("--seed-demo", config.seed_demo, "Seed the demo event when the store is empty")
      ->envname("ADMIT_SEED_DEMO");
  serve->add_flag("--test-hooks", config.test_hooks, "Expose the clock and scheduler hooks used by tests")->group("");
  serve->add_option("--port-file", config.port_file, "Write the bound port to this file")->group("");

  auto* demo = app.add_subcommand("demo", "Seed the demo event into an empty store");
  add_common(demo);
  demo->add_flag("--force", force, "Add the demo event even if the store holds data");

  auto* migrate = app.add_subcommand("migrate", "Bring the store's schema up to date");
  add_common(migrate);

  CLI11_PARSE(app, argc, argv);
  admit::setup_logging(config.log_level);
  if (auto problem = admit::validate(config); !problem.empty()) {
    spdlog::critical("configuration: {}", problem);
    return admit::kExitConfig;
  }
  if (serve->parsed()) return admit::run_serve(config);
  if (demo->parsed()) return admit::run_demo(config, force);
  return admit::run_migrate(config);
}
