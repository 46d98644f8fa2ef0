#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/export_command.hpp"
#include "app/import_command.hpp"
#include "app/json_log_formatter.hpp"
#include "app/sio_echo.hpp"

int main(int argc, char** argv) {
  admit::Config config;
  bool force = false;
  admit::ExportOptions export_options;
  admit::ImportCommand import_command;

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

  auto* sio_echo = app.add_subcommand("sio-echo", "Engine.IO/Socket.IO conformance server (no data, no API)");
  sio_echo->add_option("--host", config.host, "Address to listen on");
  sio_echo->add_option("--port", config.port, "Port to listen on (0: any free port)");
  sio_echo->add_option("--port-file", config.port_file, "Write the bound port to this file")->group("");

  auto* export_cmd = app.add_subcommand("export", "Write a report or a session export to a file");
  add_common(export_cmd);
  export_cmd->add_option("report", export_options.report, "attendance, session-report, sessions-sheets or session")
      ->required()
      ->check(CLI::IsMember({"attendance", "session-report", "sessions-sheets", "session"}));
  export_cmd->add_option("--format", export_options.format, "xlsx or csv")
      ->check(CLI::IsMember({"xlsx", "csv"}))
      ->capture_default_str();
  export_cmd->add_option("--session", export_options.session_id,
                         "Session id (session-report, session; filters attendance)");
  export_cmd->add_option("--output", export_options.output, "File to write (default: the download's file name)");

  auto* import = app.add_subcommand("import", "Import data from a spreadsheet");
  import->require_subcommand(1);
  auto* import_participants =
      import->add_subcommand("participants", "Create participants from an .xlsx or CSV file (name, email, ...)");
  add_common(import_participants);
  import_participants->add_option("file", import_command.file, "The .xlsx or .csv file")
      ->required()
      ->check(CLI::ExistingFile);
  import_participants->add_option("--session", import_command.session_id,
                                  "Also register everyone for this session (confirmed)");
  import_participants->add_flag("--dry-run", import_command.dry_run,
                                "Report what the import would do without writing anything");

  CLI11_PARSE(app, argc, argv);
  admit::setup_logging(config.log_level);
  if (auto problem = admit::validate(config); !problem.empty()) {
    spdlog::critical("configuration: {}", problem);
    return admit::kExitConfig;
  }
  if (serve->parsed()) return admit::run_serve(config);
  if (sio_echo->parsed()) return admit::run_sio_echo(config.host, config.port, config.port_file);
  if (demo->parsed()) return admit::run_demo(config, force);
  if (import_participants->parsed()) return admit::run_import_participants(config, import_command);
  if (export_cmd->parsed()) return admit::run_export(config, export_options);
  return admit::run_migrate(config);
}
